import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { SearchNotice } from '../../../shared/contract';
import { formatPhone } from '../../../shared/phone';
import { parseRut } from '../../../shared/rut';
import { countOf, searchMessages } from '../../../shared/messages';
import { useApp, type ResultRow } from '../store';
import { Badges } from './Badges';
import { displayRut, fullName } from './display';

/** A first guess; each row is measured, since its badges wrap rather than being cut. */
const ROW_ESTIMATE = 84;

type Props = { onOpened: () => void };

export function ResultList({ onOpened }: Props) {
  const rows = useApp((s) => s.rows);
  const selected = useApp((s) => s.selected);
  const hasMore = useApp((s) => s.hasMore);
  const loadMore = useApp((s) => s.loadMore);
  const openRow = useApp((s) => s.openRow);
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

  return (
    // Focusable so the list also scrolls from the keyboard (↑ ↓ in the box move the selection).
    <div className="results-scroll" ref={scrollRef} tabIndex={0}>
      <div
        id="results"
        role="listbox"
        aria-label="Resultados"
        className="results"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              id={`result-${item.index}`}
              role="option"
              aria-selected={item.index === selected}
              className={item.index === selected ? 'result selected' : 'result'}
              style={{ transform: `translateY(${item.start}px)` }}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                openRow(item.index);
                onOpened();
              }}
            >
              <ResultContent row={row} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

function ResultContent({ row }: { row: ResultRow }) {
  if (row.kind === 'company') {
    const { company } = row;
    return (
      <>
        <div className="result-line">
          <span className="tag">Empresa</span>
          <strong>{company.legalName}</strong>
          <span className="rut">{displayRut(company.rut)}</span>
        </div>
        <div className="result-line muted">
          {company.adherent ? 'Adherida' : 'No adherida'} ·{' '}
          {countOf(company.memberCount, 'persona')} · Enter abre la empresa
        </div>
      </>
    );
  }
  const { person } = row;
  const others = person.companyCount > 1 ? ` +${person.companyCount - 1}` : '';
  return (
    <>
      <div className="result-line">
        <strong className="result-name">{fullName(person)}</strong>
        <span className="rut">{displayRut(person.rut)}</span>
      </div>
      <Badges badges={person.badges} compact />
      <div className="result-line muted">
        {[
          person.email ?? 'sin correo',
          person.phone ? formatPhone(person.phone) : null,
          person.companyName ? `${person.companyName}${others}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </>
  );
}

export function SearchNotices() {
  const notices = useApp((s) => s.notices);
  const error = useApp((s) => s.searchError);
  const rows = useApp((s) => s.rows);
  const answeredText = useApp((s) => s.answeredText);
  const text = useApp((s) => s.text);
  const scope = useApp((s) => s.scope);
  const clearScope = useApp((s) => s.clearScope);
  const answered = !error && answeredText !== null && answeredText === text;
  const typed = text.trim();

  return (
    <div className="notices" aria-live="polite">
      {error && (
        <p role="alert" className="notice notice-danger">
          {error}
        </p>
      )}
      {notices.map((notice) => (
        <p
          key={notice.code}
          role={notice.code === 'invalid_check_digit' ? 'alert' : undefined}
          className={`notice ${NOTICE_TONE[notice.code]}`}
        >
          {noticeText(notice)}
        </p>
      ))}
      {answered && rows.length === 0 && scope && (
        <div className="notice empty">
          <p>
            {typed === ''
              ? searchMessages.companyEmpty(scope.legalName)
              : searchMessages.noneInCompany(typed, scope.legalName)}
          </p>
          {typed !== '' && (
            <button type="button" className="small-button" onClick={clearScope}>
              {searchMessages.searchEverywhere}
            </button>
          )}
        </div>
      )}
      {answered && rows.length === 0 && !scope && notices.length === 0 && (
        <p className="notice empty">
          {parseRut(typed) ? searchMessages.noneForRut(typed) : searchMessages.none(typed)}
        </p>
      )}
    </div>
  );
}

const NOTICE_TONE: Record<SearchNotice['code'], string> = {
  invalid_check_digit: 'notice-danger',
  rut_not_found: 'notice-warn',
  rut_outside_scope: 'notice-warn',
  rut_not_synced_yet: 'notice-warn',
  capped: '',
};

function noticeText(notice: SearchNotice): string {
  switch (notice.code) {
    case 'invalid_check_digit':
      return searchMessages.invalidCheckDigit(notice.typed, notice.expected);
    case 'rut_not_found':
      return searchMessages.rutNotFound(notice.rut);
    case 'rut_outside_scope':
      return searchMessages.rutOutsideScope(notice.rut);
    case 'rut_not_synced_yet':
      return searchMessages.rutNotSyncedYet(notice.rut);
    case 'capped':
      return searchMessages.capped(notice.cap);
  }
}
