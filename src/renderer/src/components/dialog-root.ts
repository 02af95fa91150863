/**
 * Where dialogs are drawn: a box at the end of the desk (LockGate puts it there), outside
 * whatever opened them — a dialog opened from the dark top bar took its white text and white
 * focus ring — yet inside the desk, so the lock hides a dialog with the desk behind it.
 * Undefined: no desk around (a screen of its own), the page's body.
 */
import { createContext, useContext } from 'react';

export const DialogRootContext = createContext<HTMLElement | null | undefined>(undefined);

/** The element to draw a dialog in; null for the moment the desk's box is not there yet. */
export function useDialogRoot(): HTMLElement | null {
  const root = useContext(DialogRootContext);
  return root === undefined ? document.body : root;
}
