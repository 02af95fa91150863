import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { formatPhone } from '../../../shared/phone';
import { searchMessages } from '../../../shared/messages';
import { useApp, type ResultRow } from '../store';
import { Badges } from './Badges';
import { displayRut, fullName } from './display';

const ROW_HEIGHT = 64;

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
    estimateSize: () => ROW_HEIGHT,
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
    <div className="results-scroll" ref={scrollRef}>
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
              id={`result-${item.index}`}
              role="option"
              aria-selected={item.index === selected}
              className={item.index === selected ? 'result selected' : 'result'}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                openRow(item.index);
                if (row.kind === 'person') onOpened();
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
          {company.memberCount.toLocaleString('es-CL')} personas · Enter para ver sus personas
        </div>
      </>
    );
  }
  const { person } = row;
  const others = person.companyCount > 1 ? ` +${person.companyCount - 1}` : '';
  return (
    <>
      <div className="result-line">
        <strong>{fullName(person)}</strong>
        <span className="rut">{displayRut(person.rut)}</span>
        <Badges badges={person.badges} compact />
      </div>
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

  return (
    <div className="notices" aria-live="polite">
      {error && (
        <p role="alert" className="notice notice-danger">
          {error}
        </p>
      )}
      {notices.map((notice) => {
        switch (notice.code) {
          case 'invalid_check_digit':
            return (
              <p key={notice.code} role="alert" className="notice notice-danger">
                {searchMessages.invalidCheckDigit(notice.typed, notice.expected)}
              </p>
            );
          case 'rut_not_found':
            return (
              <p key={notice.code} className="notice notice-warn">
                {searchMessages.rutNotFound(notice.rut)}
              </p>
            );
          case 'capped':
            return (
              <p key={notice.code} className="notice">
                {searchMessages.capped(notice.cap)}
              </p>
            );
        }
      })}
      {!error && rows.length === 0 && answeredText !== null && answeredText === text && (
        <p className="notice empty">
          {scope && text.trim() === ''
            ? 'Esta empresa no tiene personas en la réplica.'
            : `Sin resultados para «${text.trim()}». Pruebe con el RUT, solo un apellido o el inicio del correo.`}
        </p>
      )}
    </div>
  );
}
