/**
 * The toast sits at the window's bottom right, over whatever is there (a record's «Acciones»
 * column). When the focused control is under it — Tab reached it, or the toast came while it
 * was focused — the toast moves to the top right for as long as that lasts (WCAG 2.4.11: a
 * focused control is never hidden by it).
 */
import { useEffect, useState, type RefObject } from 'react';

const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

export function useToastClearOfFocus(
  toast: RefObject<HTMLElement | null>,
  text: string | null,
): boolean {
  const [away, setAway] = useState(false);
  useEffect(() => {
    const check = () => {
      const box = toast.current;
      const focused = document.activeElement;
      if (!box || !text || !(focused instanceof HTMLElement) || focused === document.body) {
        setAway(false);
        return;
      }
      // Measured where the toast sits at rest, whichever side it is on now.
      const rest = box.getBoundingClientRect();
      const atBottom = new DOMRect(
        rest.x,
        window.innerHeight - 16 - rest.height,
        rest.width,
        rest.height,
      );
      setAway(overlaps(atBottom, focused.getBoundingClientRect()));
    };
    check();
    document.addEventListener('focusin', check);
    document.addEventListener('scroll', check, true);
    return () => {
      document.removeEventListener('focusin', check);
      document.removeEventListener('scroll', check, true);
    };
  }, [toast, text]);
  return away;
}
