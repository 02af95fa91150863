import { Pager } from '../components/Pager';
import { useCallback, useEffect, useRef, useState } from 'react';
import { DateField } from '../components/DateField';
import type { Interaction } from '../../../shared/contract';
import { formatDateTime, formatLasted } from '../../../shared/format';
import {
  callActionText,
  auditMessages,
  followUpMessages,
  interactionKindWords,
  interactionListWords,
  interactionOutcomeLabels,
  interactionReasonLabels,
  listNoun,
} from '../../../shared/messages';
import { seesAllInteractions } from '../../../shared/policy';
import { interactionKindOf } from '../../../shared/rules/interaction-kind';
import { checkPersonAndDays, type FilterField } from '../../../shared/list-filters';
import { LongText } from '../components/LongText';
import { goToInvalidField } from '../components/ConfirmButton';
import { ApiError, call } from '../api/client';
import { useSession } from '../session-store';
import { displayRut, personLabel } from '../components/display';
import { openRecordFromList } from '../components/open-record';
import { useInteractionWords } from '../components/interaction-words';
import { TableScroll } from '../components/TableScroll';
import { ReasonDialog } from '../components/ReasonDialog';
import {
  CALL_NOTES_MAX,
  INTERACTION_OUTCOMES,
  type InteractionOutcome,
} from '../../../shared/policy';
import { FOLLOW_UP_NOTE_MIN, mayFollowUp } from '../../../shared/rules/follow-up';

const u = followUpMessages;

const PAGE = 50;

/** The «Resultado» filter: any, one outcome, or those waiting to be attended to. */
type OutcomeChoice = '' | InteractionOutcome | 'awaiting';
type Filters = { rut: string; agentId: string; from: string; to: string; outcome: OutcomeChoice };
const EMPTY: Filters = { rut: '', agentId: '', from: '', to: '', outcome: '' };
const AWAITING: Filters = { ...EMPTY, outcome: 'awaiting' };
type Field = FilterField;
type Query = {
  rut: string | null;
  agentId: string | null;
  from: string | null;
  to: string | null;
  outcome: InteractionOutcome | null;
  awaiting: boolean;
};
const UNFILTERED: Query = {
  rut: null,
  agentId: null,
  from: null,
  to: null,
  outcome: null,
  awaiting: false,
};
const isFiltered = (query: Query) =>
  Object.values(query).some((value) => value !== null && value !== false);
type Counts = { total: number; visits: number };
type Page = Counts & { calls: Interaction[]; offset: number; query: Query };

/**
 * A page, its totals, the totals of everything the agent may see here (unfiltered), which the
 * list is titled by, and how many of those wait to be attended to.
 */
async function loadPage(
  query: Query,
  offset: number,
): Promise<{ page: Page; whole: Counts; awaiting: number }> {
  const [calls, count, unfiltered, awaiting] = await Promise.all([
    call('interactions.list', { ...query, offset, limit: PAGE }),
    call('interactions.count', query),
    isFiltered(query) ? call('interactions.count', UNFILTERED) : null,
    call('interactions.count', { ...UNFILTERED, awaiting: true }),
  ]);
  return {
    page: { ...count, calls, offset, query },
    whole: unfiltered ?? count,
    awaiting: awaiting.total,
  };
}

/** The filters as the API takes them (dates typed `dd-mm-aaaa`, as on Auditoría), or what is wrong. */
function check(
  filters: Filters,
): { ok: true; query: Query } | { ok: false; error: string; field: Field } {
  const checked = checkPersonAndDays(filters);
  if (!checked.ok) return checked;
  const { rut, from, to } = checked;
  const { outcome } = filters;
  return {
    ok: true,
    query: {
      rut,
      agentId: filters.agentId || null,
      from,
      to,
      outcome: outcome === '' || outcome === 'awaiting' ? null : outcome,
      awaiting: outcome === 'awaiting',
    },
  };
}

/** A call's notes in the list: a long one shows its start, and the rest on demand. */
function NotesCell({ notes }: { notes: string }) {
  const { bar: t } = useInteractionWords();
  return <LongText text={notes} more={t.notesMore} less={t.notesLess} />;
}

/**
 * Calls and visits: the agent's own (a supervisor's: everyone's, with who took each, or one
 * agent's), newest first, between two days if asked, a page at a time with the total. Each
 * person opens their record. The list says what it holds: an officer's visits, an agent's calls,
 * and on a supervisor's desk an officer also uses, calls and visits, each row by its kind.
 */
export function CallsView() {
  const { bar: t } = useInteractionWords();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [page, setPage] = useState<Page | null>(null);
  // Everything the agent may see here, unfiltered: what the list is titled by.
  const [whole, setWhole] = useState<Counts | null>(null);
  // How many of those wait to be attended to («Por atender»), said over the list.
  const [awaiting, setAwaiting] = useState(0);
  // The one being said attended to (its dialog open).
  const [attending, setAttending] = useState<Interaction | null>(null);
  const session = useSession((s) => s.session);
  const notify = useSession((s) => s.notify);
  const titleRef = useRef<HTMLHeadingElement>(null);
  const [loading, setLoading] = useState(true);
  // `text` null: the list could not be loaded (said in the list's words).
  const [error, setError] = useState<{ text: string | null; field?: Field } | null>(null);
  const [agents, setAgents] = useState<Array<{ agentId: string; displayName: string }>>([]);
  const role = useSession((s) => s.session?.role ?? 'agent');
  const all = seesAllInteractions(role);
  const noun = listNoun(interactionKindOf(role), whole?.total ?? 0, whole?.visits ?? 0);
  const { list: l, filters: f } = interactionListWords(noun);

  /** Loads a page and its totals; the caller has already said it is loading. */
  const fetchPage = useCallback(async (query: Query, offset: number): Promise<Page | null> => {
    try {
      const loaded = await loadPage(query, offset);
      setPage(loaded.page);
      setWhole(loaded.whole);
      setAwaiting(loaded.awaiting);
      setError(null);
      return loaded.page;
    } catch (failure) {
      // A failed query leaves no calls of an earlier one on screen.
      setPage(null);
      setError({ text: failure instanceof ApiError ? failure.message : null });
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  const load = async (next: Filters): Promise<void> => {
    const checked = check(next);
    if (!checked.ok) {
      setPage(null);
      setError({ text: checked.error, field: checked.field });
      goToInvalidField();
      return;
    }
    setLoading(true);
    await fetchPage(checked.query, 0);
  };

  /**
   * The focus onto the waiting call at `index` among those on the page (the one after a call
   * just attended to has taken its place), the last one if fewer, or the heading if none: never
   * the page body (review 60 M3, L1).
   */
  const focusWaiting = (index: number) =>
    requestAnimationFrame(() => {
      const waiting = [...document.querySelectorAll<HTMLButtonElement>('button[data-follow-up]')];
      (waiting[Math.min(index, waiting.length - 1)] ?? titleRef.current)?.focus();
    });
  const turn = (query: Query, offset: number) => {
    setLoading(true);
    void fetchPage(query, offset);
  };

  useEffect(() => {
    // Every call this agent may see, newest first.
    loadPage(UNFILTERED, 0)
      .then((loaded) => {
        setPage(loaded.page);
        setWhole(loaded.whole);
        setAwaiting(loaded.awaiting);
      })
      .catch(() => setError({ text: null }))
      .finally(() => setLoading(false));
  }, []);

  // A call opened or closed from the bar (this screen stays up meanwhile): the page on screen
  // is asked again, so «En curso» never outlives the call.
  const pageRef = useRef(page);
  useEffect(() => {
    pageRef.current = page;
  }, [page]);
  useEffect(
    () =>
      useSession.subscribe((state, before) => {
        const shown = pageRef.current;
        if (!shown) return;
        // Actions reached the central API (or came back refused): a row's «pendiente de
        // sincronizar» is asked again, not left until the screen is opened anew.
        const settled =
          (state.sync?.pending ?? 0) < (before.sync?.pending ?? 0) ||
          state.sync?.conflicts !== before.sync?.conflicts ||
          state.sync?.rejected !== before.sync?.rejected;
        if (state.interaction?.id === before.interaction?.id && !settled) return;
        void fetchPage(shown.query, shown.offset);
      }),
    [fetchPage],
  );

  useEffect(() => {
    if (!all) return;
    call('agents.list', {})
      .then(setAgents)
      .catch(() => setAgents([]));
  }, [all]);

  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [key]: event.target.value }));
  const invalid = (field: Field) => (error?.field === field ? true : undefined);
  const described = (field: Field) => (error?.field === field ? 'calls-error' : undefined);

  const open = (personRut: string) => openRecordFromList(personRut, 'call');

  const calls = page?.calls ?? null;
  const filtered = page !== null && isFiltered(page.query);
  // Where calls and visits mix, each row says which it is.
  const mixed = noun === 'both';

  return (
    <section className="page" aria-labelledby="calls-title">
      <h1 tabIndex={-1} id="calls-title" ref={titleRef}>
        {l.listTitle}
      </h1>
      <form
        className="filters"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void load(filters);
        }}
      >
        <label className="field inline">
          {t.listRut}
          <input
            value={filters.rut}
            onChange={set('rut')}
            placeholder="12.345.678-5"
            aria-invalid={invalid('rut')}
            aria-describedby={described('rut')}
          />
        </label>
        {all && (
          <label className="field inline">
            {f.agent}
            <select value={filters.agentId} onChange={set('agentId')}>
              <option value="">{f.allAgents}</option>
              {agents.map((a) => (
                <option key={a.agentId} value={a.agentId}>
                  {a.displayName}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field inline">
          {u.outcomeFilter}
          <select value={filters.outcome} onChange={set('outcome')}>
            <option value="">{u.allOutcomes}</option>
            <option value="awaiting">{u.awaitingOption}</option>
            {INTERACTION_OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {interactionOutcomeLabels[value]}
              </option>
            ))}
          </select>
        </label>
        <DateField
          label={f.from}
          className="calls-date"
          value={filters.from}
          onChange={set('from')}
          invalid={invalid('from')}
          describedBy={described('from')}
        />
        <DateField
          label={f.to}
          className="calls-date"
          value={filters.to}
          onChange={set('to')}
          invalid={invalid('to')}
          describedBy={described('to')}
        />
        <button type="submit">{t.listSearch}</button>
        <button
          type="button"
          onClick={() => {
            setFilters(EMPTY);
            void load(EMPTY);
          }}
        >
          {f.clear}
        </button>
      </form>
      {loading && <div className="progress thin" role="progressbar" aria-label={f.loading} />}
      {error && (
        <p role="alert" id="calls-error" className="notice notice-danger">
          {error.text ?? l.listFailed}
          {error.field && ` ${auditMessages.staleHidden}`}
        </p>
      )}
      {awaiting > 0 && page && !page.query.awaiting && (
        <p className="notice notice-warn">
          {u.waiting(awaiting)}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setFilters(AWAITING);
              // This notice goes with the list it opens: the focus goes to the first one.
              void load(AWAITING).then(() => focusWaiting(0));
            }}
          >
            {u.showWaiting}
          </button>
        </p>
      )}
      {page && (
        <p className="muted" aria-live="polite">
          {f.count(page.total, page.visits)}
          {page.total > PAGE &&
            ` · ${f.range(page.offset + 1, Math.min(page.offset + PAGE, page.total))}`}
        </p>
      )}
      {calls && calls.length === 0 && (
        <p className="notice empty">{filtered ? f.emptyFiltered : l.listEmpty}</p>
      )}
      {calls && calls.length > 0 && (
        <TableScroll label={l.listCaption(all)}>
          <table className="calls-table">
            <caption className="muted">{l.listCaption(all)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columns.openedAt}</th>
                {all && <th scope="col">{t.columns.agent}</th>}
                <th scope="col">{t.columns.person}</th>
                <th scope="col">{t.columns.reason}</th>
                <th scope="col">{t.columns.actions}</th>
                <th scope="col">{t.columns.outcome}</th>
                <th scope="col">{t.columns.duration}</th>
                <th scope="col">{t.columns.notes}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((item) => (
                <tr key={item.id}>
                  <td className="nowrap">{formatDateTime(item.openedAt)}</td>
                  {all && <td>{item.agentName ?? t.unknownAgent}</td>}
                  <td>
                    {item.personRut ? (
                      <PersonCell
                        name={item.personName}
                        rut={item.personRut}
                        onOpen={() => open(item.personRut!)}
                      />
                    ) : (
                      '—'
                    )}
                    {/* Who spoke for the person: called, or was there at an officer's visit. */}
                    {interactionKindWords[item.kind].onBehalf.listed(item) && (
                      <span className="small muted">
                        {` · ${interactionKindWords[item.kind].onBehalf.listed(item)}`}
                      </span>
                    )}
                  </td>
                  <td>
                    {mixed
                      ? interactionKindWords[item.kind].kindReason(
                          interactionReasonLabels[item.reason],
                        )
                      : interactionReasonLabels[item.reason]}
                  </td>
                  <td>
                    {/* On whom, when not the call's person; and what the central did with it. */}
                    {item.actions
                      .map((a) => callActionText(a, item.personRut, displayRut))
                      .join(', ') || '—'}
                  </td>
                  <td>
                    <OutcomeCell
                      item={item}
                      mayAttend={session !== null && mayFollowUp(session, item)}
                      onAttend={() => setAttending(item)}
                      inProgress={t.inProgressShort}
                    />
                  </td>
                  <td className="nowrap">{formatLasted(item.openedAt, item.closedAt) ?? '—'}</td>
                  <td className="call-notes">
                    <NotesCell notes={item.notes ?? ''} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {attending && (
        <ReasonDialog
          title={u.title}
          explanation={u.explanation(
            u.what(
              attending.kind,
              personLabel(attending.personName, attending.personRut),
              formatDateTime(attending.openedAt),
            ),
            interactionOutcomeLabels[attending.outcome!],
            attending.notes,
          )}
          reasonMissing={u.noteMissing(FOLLOW_UP_NOTE_MIN)}
          reasonMax={CALL_NOTES_MAX}
          reasonLabel={u.note}
          reasonHint={u.noteHint}
          minReason={FOLLOW_UP_NOTE_MIN}
          confirmLabel={u.confirm}
          busyLabel={u.busy}
          submit={async (note) => {
            // Where its button was among those waiting on the page: the next one takes it.
            const index = [
              ...document.querySelectorAll<HTMLButtonElement>('button[data-follow-up]'),
            ].findIndex((button) => button.dataset['followUp'] === attending.id);
            await call('interactions.followUp', { id: attending.id, note });
            setAttending(null);
            notify(u.done);
            if (page) {
              setLoading(true);
              const shown = await fetchPage(page.query, page.offset);
              // The last one of a later page attended to: the page before, not an empty one.
              if (shown && shown.calls.length === 0 && page.offset > 0) {
                setLoading(true);
                await fetchPage(page.query, Math.max(0, page.offset - PAGE));
              }
            }
            focusWaiting(Math.max(0, index));
          }}
          close={() => setAttending(null)}
        />
      )}
      {page && (
        <Pager
          label={f.pager}
          offset={page.offset}
          size={PAGE}
          total={page.total}
          busy={loading}
          onTurn={(offset) => turn(page.query, offset)}
        />
      )}
    </section>
  );
}

/**
 * A row's outcome; one closed as «Derivado» or «Volver a contactar» says whether it waits
 * («Por atender», with the button for whoever may say it was attended to) or what was done.
 */
function OutcomeCell({
  item,
  mayAttend,
  onAttend,
  inProgress,
}: {
  item: Interaction;
  mayAttend: boolean;
  onAttend: () => void;
  inProgress: string;
}) {
  if (!item.outcome) return <>{inProgress}</>;
  const whose = item.personName ?? (item.personRut ? displayRut(item.personRut) : u.nobody);
  return (
    <>
      {interactionOutcomeLabels[item.outcome]}
      {item.awaiting && (
        <>
          {' '}
          <span className="badge badge-warn">{u.awaiting}</span>
          {mayAttend && (
            <button
              type="button"
              className="link small"
              data-follow-up={item.id}
              aria-label={u.openLabel(whose, formatDateTime(item.openedAt))}
              onClick={onAttend}
            >
              {u.open}
            </button>
          )}
        </>
      )}
      {item.followUp && (
        <span className="small muted follow-up">
          {u.attended(formatDateTime(item.followUp.at), item.followUp.agentName)}
          {'. '}
          {u.doneNote} <LongText text={item.followUp.note} more={u.noteMore} less={u.noteLess} />
        </span>
      )}
    </>
  );
}

/** The caller: name and RUT; a person in the replica opens their record. */
function PersonCell({
  name,
  rut,
  onOpen,
}: {
  name: string | null;
  rut: string;
  onOpen: () => void;
}) {
  const formatted = <span className="rut nowrap">{displayRut(rut)}</span>;
  if (!name) return formatted;
  return (
    <button type="button" className="call-person" onClick={onOpen}>
      <span className="call-person-name">{name}</span> {formatted}
    </button>
  );
}
