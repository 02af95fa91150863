/**
 * Keeps Tab inside a dialog while it is open and gives the focus back to what opened it when it
 * closes. When that button is gone or disabled after the action (an approved request has no
 * «Aprobar» any more), the focus stays on its table row — the row's first action, or else the
 * name in its header cell — and only when the row is gone too does it go to the open record. A button whose
 * bar went away with its action (a selection's run) sends the focus where the bar says
 * (`data-focus-return`).
 */
import { deskHidden } from '../lock/desk-hidden';
import { useEffect, type KeyboardEvent, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Returns the dialog's onKeyDown handler; call it once in the dialog component. */
export function useFocusTrap(dialogRef: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const row = opener?.closest('tr') ?? null;
    dialogRef.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    // Where a bar that goes away after its action sends the focus (data-focus-return).
    const returnTo = opener?.closest<HTMLElement>('[data-focus-return]')?.dataset['focusReturn'];
    return () => {
      if (opener && opener.isConnected && !opener.matches(':disabled')) {
        opener.focus();
        return;
      }
      if (row?.isConnected && focusRow(row)) return;
      const list = returnTo ? document.getElementById(returnTo) : null;
      if (list) {
        list.focus();
        return;
      }
      document.querySelector<HTMLElement>('section.record, section.company')?.focus();
    };
  }, [dialogRef]);

  return (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (active instanceof HTMLElement && !focusable.includes(active)) {
      // On something Tab does not stop at (the title a dialog opens on, a list focused by
      // script): the next control after it, or before it, within the dialog — never past it.
      event.preventDefault();
      const follows = (el: HTMLElement) =>
        Boolean(active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      const target = event.shiftKey
        ? (focusable.filter((el) => !follows(el)).at(-1) ?? last)
        : (focusable.find(follows) ?? first);
      target.focus();
    } else if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };
}

/**
 * The row's first enabled action (a button in its cells), else the link in its header cell (a
 * person's or a company's name), else the header cell itself (made focusable by script only).
 */
export function focusRow(row: Element): boolean {
  const button =
    row.querySelector<HTMLElement>('td button:not([disabled])') ??
    row.querySelector<HTMLElement>('th button:not([disabled])');
  if (button) {
    button.focus();
    return true;
  }
  const header = row.querySelector<HTMLElement>('th');
  if (!header) return false;
  header.tabIndex = -1;
  header.focus();
  return true;
}

/** Esc cancels wherever the focus is, but not while saving: the answer must land in the dialog. */
export function useEscapeToClose(busy: boolean, close: () => void) {
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      // A dialog kept behind the lock screen stays open: Esc there is the lock screen's.
      if (deskHidden()) return;
      if (event.key === 'Escape' && !busy) {
        event.preventDefault();
        close();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [busy, close]);
}
