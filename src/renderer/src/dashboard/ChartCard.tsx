import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { formatNumber } from '../../../shared/format';
import { dashboardMessages as t } from '../../../shared/messages';

/** One bar of a chart, with its words and its number. */
export type ChartRow = { key: string; label: string; value: number };

/**
 * A chart as everyone can read it: a focusable figure named by its title and described by a
 * one-line summary, the drawing itself hidden from screen readers, and the same numbers as a
 * table that is always there for them and shown on screen with «Ver como tabla».
 */
export function ChartCard({
  name,
  title,
  keyHeader,
  valueHeader,
  rows,
  total,
  empty,
  note,
  alert,
  summary: given,
  wide,
  goTo,
  children,
}: {
  /** Stable name for tests and the benchmark: `data-chart`. */
  name: string;
  title: string;
  keyHeader: string;
  valueHeader: string;
  rows: ChartRow[];
  /** The figure's first words for a screen reader, e.g. «120 llamadas». */
  total: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty: string | null;
  note?: string;
  /** Something to act on, said above the chart (and with no chart too). */
  alert?: string | null;
  /** Says it all in one line, instead of the total and the most frequent row. */
  summary?: string;
  wide?: boolean;
  /** Where the rows behind the numbers are listed: a button under the chart. */
  goTo?: { label: string; go: () => void };
  /** The drawing for the width the card has (measured before the first paint). */
  children: (width: number) => ReactNode;
}) {
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  const drawing = useRef<HTMLDivElement>(null);
  const width = useWidth(drawing, !asTable && empty === null);
  const top = rows.reduce<ChartRow | null>(
    (best, row) => (row.value > 0 && (best === null || row.value > best.value) ? row : best),
    null,
  );
  const summary =
    given ??
    t.summary(
      total,
      // Named only when one row stands out: a tie has no «most frequent».
      top && rows.filter((row) => row.value === top.value).length === 1 && rows.length > 1
        ? { label: top.label, value: formatNumber(top.value) }
        : null,
    );
  return (
    <figure
      className={wide ? 'chart-card wide' : 'chart-card'}
      data-chart={name}
      tabIndex={0}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
    >
      <div className="chart-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {empty === null && (
          <button
            type="button"
            className="link"
            aria-expanded={asTable}
            aria-controls={`${id}-table`}
            onClick={() => setAsTable((shown) => !shown)}
          >
            {asTable ? t.hideTable : t.showTable}
          </button>
        )}
      </div>
      <p id={`${id}-summary`} className={empty === null ? 'chart-summary' : 'visually-hidden'}>
        {empty ?? summary}
      </p>
      {alert && <p className="notice notice-warn">{alert}</p>}
      {empty !== null ? (
        <p className="chart-empty" aria-hidden="true">
          {empty}
        </p>
      ) : (
        <>
          {!asTable && (
            <div className="chart-drawing" aria-hidden="true" ref={drawing}>
              {width > 0 && children(width)}
            </div>
          )}
          {/* Hidden, the table is still read: a box that clips it, since a table's own height
              cannot shrink below its rows (they would lengthen the page). */}
          <div id={`${id}-table`} className={asTable ? undefined : 'visually-hidden'}>
            <table className={asTable ? 'chart-table' : undefined}>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{keyHeader}</th>
                  <th scope="col">{valueHeader}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td>{formatNumber(row.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {goTo && (
        <p className="chart-go">
          <button type="button" className="link" onClick={goTo.go}>
            {goTo.label}
          </button>
        </p>
      )}
      {note && <figcaption className="chart-note muted">{note}</figcaption>}
    </figure>
  );
}

/** The element's width now (before paint) and whenever it changes; 0 while it is not shown. */
function useWidth(ref: React.RefObject<HTMLElement | null>, shown: boolean): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!shown || !element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, shown]);
  return width;
}
