/**
 * A data table that may be wider than its pane (a narrow window, 400 % zoom): it scrolls sideways
 * on its own, so the rest of the screen reflows (WCAG 1.4.10 allows a table its two dimensions).
 * While it overflows, the box is a named region that takes the focus, so ← → scroll it from the
 * keyboard too (a table of plain text has nothing else to Tab to); when it fits, it is no stop.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { tableScrollMessages as t } from '../../../shared/messages';

export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === 'undefined') return;
    const measure = () => setOverflows(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="table-scroll"
      {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': t.label(label) } : {})}
    >
      {children}
    </div>
  );
}
