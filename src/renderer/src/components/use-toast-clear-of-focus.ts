/**
 * The toast sits at the window's bottom right, over whatever is there (a record's «Acciones»
 * column). When the focused control is under it — Tab reached it, or the toast came while it
 * was focused — or an open dialog's buttons are, the toast moves to the top right for as long as
 * that lasts (WCAG 2.4.11: a focused control is never hidden by it).
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

export function useToastClearOfFocus(
  toast: RefObject<HTMLElement | null>,
  text: string | null,
): boolean {
  const [away, setAway] = useState(false);
  // Before the frame is painted: the toast never covers the focus even for a frame.
  useLayoutEffect(() => {
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
      const target = focused.getBoundingClientRect();
      // A pane that took the focus (a record, a list) spans both corners: it is not covered.
      const control =
        target.width < window.innerWidth / 2 && target.height < window.innerHeight / 2;
      // Nor the open dialog's buttons and what they still miss («Falta: …», walk 58), wherever
      // the focus is in it.
      const footer = document.querySelector('.overlay .dialog-footer');
      setAway(
        (control && overlaps(atBottom, target)) ||
          (footer !== null && overlaps(atBottom, footer.getBoundingClientRect())),
      );
    };
    // The focus leaving for nowhere fires no focusin: looked at once it has left.
    const afterBlur = () => requestAnimationFrame(check);
    check();
    document.addEventListener('focusin', check);
    document.addEventListener('focusout', afterBlur);
    document.addEventListener('scroll', check, true);
    window.addEventListener('resize', check);
    return () => {
      document.removeEventListener('focusin', check);
      document.removeEventListener('focusout', afterBlur);
      document.removeEventListener('scroll', check, true);
      window.removeEventListener('resize', check);
    };
  }, [toast, text]);
  return away;
}
