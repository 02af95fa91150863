import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { SearchNotice } from '../../../shared/contract';
import { formatPhone } from '../../../shared/phone';
import { parseRut } from '../../../shared/rut';
import { companyMessages, countOf, searchMessages } from '../../../shared/messages';
import { useApp, type ResultRow } from '../store';
import { useSession } from '../session-store';
import { RowCheck } from '../selection/RowCheck';
import { SelectionBar } from '../selection/SelectionBar';
import { selectionKey, useSearchSelection } from '../selection/selection-store';
import { Badges } from './Badges';
import { loadInterrupted } from '../components/IncompleteDataNotice';
import { fullName } from '../../../shared/format';
import { displayRut } from '../components/display';
import { ErrorNotice } from '../components/ErrorNotice';

/** A first guess; each row is measured, since its badges wrap rather than being cut. */
const ROW_ESTIMATE = 84;

type Props = { onOpened: () => void };

export function ResultList({ onOpened }: Props) {
  const rows = useApp((s) => s.rows);
  const selected = useApp((s) => s.selected);
  const hasMore = useApp((s) => s.hasMore);
  const loadMore = useApp((s) => s.loadMore);
  const openRow = useApp((s) => s.openRow);
  const answeredSeq = useApp((s) => s.answeredSeq);
  // Rows still answering the text before the last keystroke: said, and dimmed if it lasts.
  const searching = useApp((s) => s.searching);
  // Supervisors select many to act on them (issue 8); everyone else picks one row, as before.
  const multi = useMultiSelect();
  const picked = useSearchSelection((s) => s.selected);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (rows.length > 0) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, rows.length, virtualizer]);

  useEffect(() => {
    if (hasMore && last && last.index >= rows.length - 10) void loadMore();
  }, [hasMore, last, rows.length, loadMore]);

  // A new search is a new list: what was selected in the old one goes.
  useEffect(() => {
    useSearchSelection.getState().clear();
  }, [answeredSeq]);

  const onClick = (event: MouseEvent, index: number) => {
    const row = rows[index]!;
    if (multi && row.kind === 'person' && (event.ctrlKey || event.metaKey || event.shiftKey)) {
      const store = useSearchSelection.getState();
      if (event.shiftKey) store.extendTo(personKeys(rows), row.person.rut);
      else store.toggle(row.person.rut);
      useApp.getState().select(index);
      return;
    }
    if (multi) {
      if (row.kind === 'person') useSearchSelection.getState().selectOne(row.person.rut);
      else useSearchSelection.getState().clear();
    }
    openRow(index);
    onOpened();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Agents: the list moves as the search box does (↑ ↓ PgUp PgDn), Enter opens.
    const step = multi ? undefined : LIST_STEPS[event.key];
    if (step !== undefined) {
      event.preventDefault();
      useApp.getState().move(step);
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      openRow(selected);
      onOpened();
      return;
    }
    if (multi && searchSelectionKey(event, true)) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    // The list is a stop of its own: ↑ ↓ move the selection there as in the search box, and
    // Enter opens it (it was once a stop where the keys only scrolled).
    <div className="results-scroll" ref={scrollRef}>
      <div
        id="results"
        role="listbox"
        aria-label={searchMessages.results}
        aria-multiselectable={multi || undefined}
        aria-busy={searching || undefined}
        aria-activedescendant={rows.length > 0 ? `result-${selected}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className="results"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const row = rows[item.index]!;
          const active = item.index === selected;
          const checked = multi && row.kind === 'person' && picked.has(row.person.rut);
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              id={`result-${item.index}`}
              role="option"
              // Only the rows in view are drawn: each says where it stands among all loaded.
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              aria-selected={multi ? checked : active}
              className={[
                'result',
                active ? 'selected' : '',
                multi ? 'multi' : '',
                checked ? 'checked' : '',
              ]
                .filter(Boolean)
                .join(' ')}
              style={{ transform: `translateY(${item.start}px)` }}
              onMouseDown={(event) => event.preventDefault()}
              onClick={(event) => onClick(event, item.index)}
            >
              {multi && row.kind === 'person' && (
                <RowCheck
                  checked={checked}
                  onToggle={() => {
                    useSearchSelection.getState().toggle(row.person.rut);
                    useApp.getState().select(item.index);
                  }}
                />
              )}
              <ResultContent row={row} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The persons' RUTs in the list's order: what Shift ranges over. */
export function personKeys(rows: readonly ResultRow[]): string[] {
  return rows.flatMap((row) => (row.kind === 'person' ? [row.person.rut] : []));
}

/**
 * Whether the results take a selection of many people: a supervisor's, and not of names that
 * only sound like the text (a selection acts on what the text names: selection-actions.ts).
 */
export function useMultiSelect(): boolean {
  const supervisor = useSession((s) => s.session?.role === 'supervisor');
  const soundsLike = useApp((s) => s.notices.some((n) => n.code === 'sounds_like'));
  return supervisor && !soundsLike;
}

/** How far ↑ ↓ PgUp PgDn move the selection, in the search box and in the list alike. */
export const LIST_STEPS: Readonly<Record<string, number>> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: 10,
  PageUp: -10,
};

/** A key in the results list or the search box, for the selection; true when it took it. */
export function searchSelectionKey(
  event: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean },
  inList: boolean,
): boolean {
  const app = useApp.getState();
  const keyAt = (index: number) => {
    const row = useApp.getState().rows[index];
    return row?.kind === 'person' ? row.person.rut : null;
  };
  return selectionKey(event, {
    store: useSearchSelection,
    keys: personKeys(app.rows),
    activeKey: () => keyAt(useApp.getState().selected),
    move: (delta) => {
      useApp.getState().move(delta);
      return keyAt(useApp.getState().selected);
    },
    inList,
  });
}

/** The searched list's selection bar: under the results, where they take a selection. */
export function ResultSelectionBar() {
  const multi = useMultiSelect();
  const rows = useApp((s) => s.rows);
  const total = useApp((s) => s.total);
  const text = useApp((s) => s.answeredText);
  const scope = useApp((s) => s.scope);
  if (!multi || text === null) return null;
  const loaded = personKeys(rows);
  return (
    <SelectionBar
      store={useSearchSelection}
      context={{
        source: { kind: 'search', text, companyRut: scope?.rut ?? null },
        company: scope ? { rut: scope.rut, name: scope.legalName } : null,
        loaded,
        total: Math.max(total, loaded.length),
        onFinished: () => {
          useApp.getState().refreshResults();
          void useApp.getState().reloadRecord();
        },
        listId: 'results',
      }}
    />
  );
}

function ResultContent({ row }: { row: ResultRow }) {
  if (row.kind === 'company') {
    const { company } = row;
    return (
      <>
        <div className="result-line result-head">
          <span className="tag">{searchMessages.companyTag}</span>
          <strong className="result-name">{company.legalName}</strong>
          <span className="rut">{displayRut(company.rut)}</span>
        </div>
        <div className="result-line muted">
          {company.adherent ? companyMessages.adherent(null) : companyMessages.notAdherent(null)} ·{' '}
          {countOf(company.memberCount, 'persona')} · {searchMessages.companyOpens}
        </div>
      </>
    );
  }
  const { person } = row;
  const others = person.companyCount > 1 ? ` +${person.companyCount - 1}` : '';
  return (
    <>
      <div className="result-line result-head">
        <strong className="result-name">{fullName(person)}</strong>
        <span className="rut">{displayRut(person.rut)}</span>
      </div>
      <Badges badges={person.badges} compact held={person.held} />
      <div className="result-line muted">
        {[
          // No e-mail is said by its badge, once.
          person.email,
          person.phone ? formatPhone(person.phone) : null,
          person.companyName ? `${person.companyName}${others}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </>
  );
}

/**
 * What the search's answer says beside its results: its notices (a wrong check digit, a RUT
 * nobody has, a capped list) and, when nothing was found, that; the empty words only once the
 * answer is for the text in the box. Shown as they come (SearchNotices), and said by a screen
 * reader only once the typing settles (`spoken`, App's announcement): each keystroke's answer to
 * a half-typed RUT is true of that half, and would be read out as if it were the caller's.
 */
function useSearchNotices() {
  const notices = useApp((s) => s.notices);
  const error = useApp((s) => s.searchError);
  const rows = useApp((s) => s.rows);
  const answeredText = useApp((s) => s.answeredText);
  const text = useApp((s) => s.text);
  const scope = useApp((s) => s.scope);
  const answered = !error && answeredText !== null && answeredText === text;
  const typed = text.trim();
  // A load cut by the network resumes only when it returns: «en unos minutos» would be untrue.
  const sync = useSession((s) => s.sync);
  const offline = loadInterrupted(sync);
  const officer = useSession((s) => s.session?.role === 'prevention');
  // Where the names were looked for: one company's (its filter), or an officer's companies'.
  const where = scope ? 'company' : officer ? 'companies' : 'everyone';
  // A supervisor finds no selection on names that only sound alike: said why (walk 57).
  const supervisor = useSession((s) => s.session?.role === 'supervisor');
  const shown = notices.map((notice) => ({
    notice,
    text:
      notice.code === 'invalid_check_digit' && rows.length > 0
        ? `${noticeText(notice, offline, where)} ${searchMessages.checkDigitPick}`
        : notice.code === 'sounds_like' && !notice.companies && supervisor
          ? `${noticeText(notice, offline, where)} ${searchMessages.soundsLikeNoSelection}`
          : notice.code === 'capped' && DIGITS_TYPED.test(typed)
            ? searchMessages.cappedRut(notice.cap)
            : noticeText(notice, offline, where),
  }));
  const nothing = answered && rows.length === 0;
  const emptyText =
    nothing && scope
      ? typed === ''
        ? searchMessages.companyEmpty(scope.legalName)
        : searchMessages.noneInCompany(typed, scope.legalName)
      : nothing && notices.length === 0
        ? parseRut(typed)
          ? searchMessages.noneForRut(typed)
          : officer
            ? searchMessages.noneInScope(typed)
            : searchMessages.none(typed)
        : null;
  const spoken = answered
    ? [...shown.map((row) => row.text), emptyText ?? ''].join(' ').trim()
    : '';
  return { error, shown, emptyText, scoped: nothing && scope !== null && typed !== '', spoken };
}

/** The notices' words for a screen reader, once the search settles (App's announcement). */
export function useSpokenSearchNotices(): string {
  return useSearchNotices().spoken;
}

export function SearchNotices() {
  const { error, shown, emptyText, scoped } = useSearchNotices();
  const clearScope = useApp((s) => s.clearScope);
  // Not a live region: App says them once the typing settles (useSpokenSearchNotices). A
  // failed search is an alert of its own (ErrorNotice).
  return (
    <div className="notices">
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {shown.map(({ notice, text }) => (
        <p key={notice.code} className={`notice ${NOTICE_TONE[notice.code]}`}>
          {text}
        </p>
      ))}
      {emptyText !== null && (
        <div className="notice empty">
          <p>{emptyText}</p>
          {scoped && (
            <button type="button" className="small-button" onClick={clearScope}>
              {searchMessages.searchEverywhere}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** The start of a RUT as typed (digits, dots, spaces, a dash, a K): no name to add. */
const DIGITS_TYPED = /^[\d.\s-]+[kK]?$/;

const NOTICE_TONE: Record<SearchNotice['code'], string> = {
  invalid_check_digit: 'notice-danger',
  rut_not_found: 'notice-warn',
  rut_outside_scope: 'notice-warn',
  rut_not_synced_yet: 'notice-warn',
  sounds_like: 'notice-warn',
  capped: '',
  companies_capped: '',
};

function noticeText(
  notice: SearchNotice,
  offline: boolean,
  where: 'everyone' | 'company' | 'companies',
): string {
  switch (notice.code) {
    case 'invalid_check_digit':
      return searchMessages.invalidCheckDigit(notice.typed, notice.expected);
    case 'rut_not_found':
      return searchMessages.rutNotFound(notice.rut);
    case 'rut_outside_scope':
      return searchMessages.rutOutsideScope(notice.rut);
    case 'rut_not_synced_yet':
      return searchMessages.rutNotSyncedYet(notice.rut, offline);
    case 'sounds_like':
      return notice.companies
        ? searchMessages.companiesSoundLike(
            notice.typed,
            where === 'companies' ? where : 'everyone',
          )
        : searchMessages.soundsLike(notice.typed, where);
    case 'capped':
      return searchMessages.capped(notice.cap);
    case 'companies_capped':
      return searchMessages.companiesCapped(notice.shown);
  }
}
