/**
 * A modal dialog — the one shell every dialog of the desk uses: the overlay (a click outside
 * closes it, unless it holds what the agent typed: below), the dialog box named by its title,
 * Tab kept inside, Esc to close (neither while busy: the answer must land in the dialog), the
 * focus kept in it across a busy spell, and given back to what opened it.
 * It is drawn at the end of the desk (a portal, dialog-root.ts), so it looks the same wherever it
 * was opened.
 * While one is open the window's own shortcuts (Ctrl+K, Esc closing the record) stand aside.
 * Ctrl+Enter (Cmd+Enter) confirms it from anywhere in it, the reason's text area included
 * (where Enter starts a new line): as a click on its confirm button, so a confirm that waits says
 * what is missing (ConfirmButton), and one disabled while busy does nothing.
 * While it holds what the agent typed (a text field whose value differs from the one it had
 * when they came to it: a reason cleared once saved no longer counts), nothing closes it by
 * accident: a click outside does not, and reloading or closing the window asks first (the
 * browser's own question through the web door; the desktop app's, src/main/index.ts). Cancelar
 * still closes it: that is asked for. Esc, easily pressed on a live call to clear a field, first
 * says that what was typed would be lost; a second Esc closes it, typing again takes the warning
 * back.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { modalMessages as t } from '../../../shared/messages';
import { useDialogRoot } from './dialog-root';
import { useEscapeToClose, useFocusTrap } from './focus-trap';

let openModals = 0;

/** Text fields the agent can type in (a checkbox, a select or a file is quickly chosen again). */
const TEXT_FIELDS =
  'textarea, input:not([type]), input[type="text"], input[type="email"], input[type="tel"], input[type="search"], input[type="number"]';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/**
 * A control given the focus is scrolled just into the dialog's view by the browser, which does
 * not know the sticky footer («Cancelar / Guardar») covers the bottom of that view: a field
 * reached with Tab could be typed in unseen (WCAG 2.4.11). It is scrolled up clear of it.
 */
function keepClearOfFooter(dialog: HTMLElement, focused: Element) {
  const footer = dialog.querySelector('.dialog-footer');
  if (!footer || footer.contains(focused) || document.activeElement !== focused) return;
  const hidden = focused.getBoundingClientRect().bottom - footer.getBoundingClientRect().top;
  if (hidden > 0) dialog.scrollTop += hidden + 8;
}

/** True while any modal dialog is open. */
export function isModalOpen(): boolean {
  return openModals > 0;
}

export function Modal({
  titleId,
  descriptionId,
  wide = false,
  className,
  busy,
  close,
  focusTitle = false,
  children,
}: {
  /** Id of the element (usually the h2) that names the dialog. */
  titleId: string;
  descriptionId?: string;
  wide?: boolean;
  /** An extra class for the dialog box. */
  className?: string;
  busy: boolean;
  close: () => void;
  /**
   * Opens with the focus on the title rather than the first control: for a dialog that is read
   * before anything is done in it (a request's facts, a record's viewers), whose first control
   * may come after all it says.
   */
  focusTitle?: boolean;
  children: ReactNode;
}) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const onTab = useFocusTrap(dialogRef);
  // After the trap's own first focus (and its note of what opened the dialog).
  useEffect(() => {
    if (!focusTitle) return;
    const title = document.getElementById(titleId);
    if (!title) return;
    title.tabIndex = -1;
    title.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on opening only
  }, []);
  // Each text field's value when the agent first came to it: what they typed is what differs.
  const valueBefore = useRef(new WeakMap<Element, string>());
  const holdsTyping = () =>
    Array.from(dialogRef.current?.querySelectorAll<TextField>(TEXT_FIELDS) ?? []).some((field) => {
      const before = valueBefore.current.get(field);
      return before !== undefined && field.value !== before;
    });
  // Set by an Esc that would have lost what was typed: the next Esc closes.
  const [escapeWarned, setEscapeWarned] = useState(false);
  useEscapeToClose(busy, () => {
    if (escapeWarned || !holdsTyping()) {
      close();
      return;
    }
    setEscapeWarned(true);
  });
  useEffect(() => {
    const askFirst = (event: BeforeUnloadEvent) => {
      if (!holdsTyping()) return;
      event.preventDefault();
      // Chromium before 119 asks only when a return value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', askFirst);
    return () => window.removeEventListener('beforeunload', askFirst);
  }, []);
  // A button disabled while the answer is awaited loses the focus to the page (a screen reader
  // is left nowhere): when the dialog is no longer busy, the focus goes back where it was.
  const focusedWhenBusy = useRef<Element | null>(null);
  useEffect(() => {
    if (busy) {
      focusedWhenBusy.current = document.activeElement;
      return;
    }
    const was = focusedWhenBusy.current;
    focusedWhenBusy.current = null;
    const dialog = dialogRef.current;
    if (!dialog || !(was instanceof HTMLElement) || dialog.contains(document.activeElement)) return;
    if (dialog.contains(was)) was.focus();
  }, [busy]);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    onTab(event);
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || busy) return;
    const confirm = dialogRef.current
      ?.querySelector('form')
      ?.querySelector<HTMLButtonElement>('button[type="submit"]:not(:disabled)');
    if (!confirm) return;
    event.preventDefault();
    // As a click: a confirm that waits (ConfirmButton) says what is missing instead.
    confirm.click();
  };
  useEffect(() => {
    openModals++;
    return () => {
      openModals--;
    };
  }, []);
  // At the end of the desk, not inside what opened it (dialog-root.ts).
  const root = useDialogRoot();
  if (!root) return null;
  return createPortal(
    <div
      className="overlay"
      onMouseDown={(event) =>
        event.target === event.currentTarget && !busy && !holdsTyping() && close()
      }
    >
      <div
        ref={dialogRef}
        className={['dialog', wide && 'dialog-wide', className].filter(Boolean).join(' ')}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        onKeyDown={onKeyDown}
        onInput={() => escapeWarned && setEscapeWarned(false)}
        onFocus={(event) => {
          const field = event.target as TextField;
          if (field.matches(TEXT_FIELDS) && !valueBefore.current.has(field)) {
            valueBefore.current.set(field, field.value);
          }
          // Once the browser has scrolled it into view: clear of the sticky footer too.
          const box = dialogRef.current;
          requestAnimationFrame(() => box && keepClearOfFooter(box, event.target));
        }}
      >
        {/* Held at the top of the box however far it is scrolled (below it, under the sticky
            footer, it was cut off). */}
        {escapeWarned && (
          <p className="notice notice-warn dialog-escape-warning" role="alert">
            {t.escapeWouldLose}
          </p>
        )}
        {children}
      </div>
    </div>,
    root,
  );
}
