/**
 * A list's «Anteriores» / «Siguientes», one for every paged list (Llamadas, Auditoría). After a
 * page turn the focus stays in the pager: on the button pressed, or on the other one when the
 * pressed one has no page further (it is disabled then, and a disabled button drops the focus
 * to the page's body, where a keyboard user would lose their place). While a page loads, a
 * press does nothing more (`busy`), and the buttons stay where the focus is.
 */
import { useEffect, useRef } from 'react';
import { pagerMessages } from '../../../shared/messages';

export function Pager({
  label,
  offset,
  size,
  total,
  busy = false,
  onTurn,
}: {
  /** The pager's name («Páginas de llamadas»). */
  label: string;
  offset: number;
  size: number;
  total: number;
  busy?: boolean;
  onTurn: (offset: number) => void;
}) {
  const previous = useRef<HTMLButtonElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  const pressed = useRef<'previous' | 'next' | null>(null);
  useEffect(() => {
    const which = pressed.current;
    if (which === null) return;
    pressed.current = null;
    const own = which === 'previous' ? previous.current : next.current;
    const other = which === 'previous' ? next.current : previous.current;
    if (own && !own.disabled) own.focus();
    else other?.focus();
  }, [offset]);
  if (total <= size) return null;
  const turn = (which: 'previous' | 'next', to: number) => {
    if (busy) return;
    pressed.current = which;
    onTurn(to);
  };
  return (
    <nav className="pager" aria-label={label}>
      <button
        ref={previous}
        type="button"
        disabled={offset === 0}
        onClick={() => turn('previous', Math.max(0, offset - size))}
      >
        {pagerMessages.previous}
      </button>
      <button
        ref={next}
        type="button"
        disabled={offset + size >= total}
        onClick={() => turn('next', offset + size)}
      >
        {pagerMessages.next}
      </button>
    </nav>
  );
}
