/**
 * A table of up to 100,000 rows (a preview or a report): only the rows in view are in the DOM
 * (@tanstack/react-virtual), and their pages are asked of the core as they scroll into view.
 * ARIA table roles keep it a table for screen readers (row count, row index, headers). A cell's
 * text wraps instead of being cut: each row in view is measured, one line high until then.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { bulkMessages as m } from '../../../shared/messages';

const PAGE = 200;
const ROW = 34;

export type Column<T> = { header: string; width: string; cell: (row: T) => ReactNode };

export function LazyTable<T>({
  label,
  columns,
  total,
  fetchPage,
  resetKey,
  refreshKey,
}: {
  label: string;
  columns: Column<T>[];
  total: number;
  fetchPage: (offset: number, limit: number) => Promise<T[]>;
  /** Changes when the rows asked for change (a filter): pages are fetched again. */
  resetKey: string;
  /**
   * Changes when the same rows may read differently now (the central API answered): the pages
   * already fetched are asked again and replaced where they stand, without a jump to the top.
   */
  refreshKey?: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<Map<number, T[]>>(new Map());
  const asked = useRef(new Set<number>());
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const resetRef = useRef(resetKey);
  resetRef.current = resetKey;

  useEffect(() => {
    asked.current = new Set();
    setPages(new Map());
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  useEffect(() => {
    if (refreshKey === undefined) return;
    const key = resetRef.current;
    for (const page of asked.current) {
      void fetchRef.current(page * PAGE, PAGE).then(
        (rows) => {
          if (resetRef.current !== key) return;
          setPages((current) => new Map(current).set(page, rows));
        },
        () => {},
      );
    }
  }, [refreshKey]);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    const key = resetKey;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) {
      if (asked.current.has(page) || page * PAGE >= total) continue;
      asked.current.add(page);
      void fetchRef.current(page * PAGE, PAGE).then(
        (rows) => {
          if (key !== resetKey) return;
          setPages((current) => new Map(current).set(page, rows));
        },
        () => asked.current.delete(page),
      );
    }
  }, [first, last, total, resetKey]);

  const template = columns.map((column) => column.width).join(' ');
  if (total === 0) return <p className="muted">{m.empty}</p>;
  return (
    <div className="lazy-table" role="table" aria-label={label} aria-rowcount={total + 1}>
      <div role="rowgroup">
        <div
          className="lazy-row lazy-head"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: template }}
        >
          {columns.map((column) => (
            <span key={column.header} role="columnheader">
              {column.header}
            </span>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className="lazy-scroll" tabIndex={0} aria-label={label} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="lazy-row"
                role="row"
                aria-rowindex={item.index + 2}
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start}px)`,
                  minHeight: ROW,
                }}
              >
                {row
                  ? columns.map((column) => (
                      <span key={column.header} role="cell">
                        {column.cell(row)}
                      </span>
                    ))
                  : columns.map((column) => <span key={column.header} role="cell" />)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
