/**
 * A modal dialog: the overlay (a click outside closes it), the dialog box named by its title,
 * Tab kept inside, Esc to close (not while busy: the answer must land in the dialog), and the
 * focus given back to what opened it.
 */
import { useRef, type ReactNode } from 'react';
import { useEscapeToClose, useFocusTrap } from './focus-trap';

export function Modal({
  titleId,
  descriptionId,
  wide = false,
  busy,
  close,
  children,
}: {
  /** Id of the element (usually the h2) that names the dialog. */
  titleId: string;
  descriptionId?: string;
  wide?: boolean;
  busy: boolean;
  close: () => void;
  children: ReactNode;
}) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const onTab = useFocusTrap(dialogRef);
  useEscapeToClose(busy, close);
  return (
    <div
      className="overlay"
      onMouseDown={(event) => event.target === event.currentTarget && !busy && close()}
    >
      <div
        ref={dialogRef}
        className={wide ? 'dialog dialog-wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        onKeyDown={onTab}
      >
        {children}
      </div>
    </div>
  );
}
