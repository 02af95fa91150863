/**
 * The foot of a form dialog: «Cancelar», the confirm button, and the line reserved for why the
 * confirm button waits (visible, never only on hover, and read with the button). It stays in
 * sight while a tall dialog scrolls beneath it (`.dialog-footer`).
 */
import { useId } from 'react';
import { ConfirmButton } from './ConfirmButton';

export function DialogFooter({
  cancel,
  onCancel,
  cancelDisabled = false,
  submit,
  submitDisabled,
  missing,
  goTo = null,
  mayWait = true,
  tone = 'primary',
}: {
  cancel: string;
  onCancel: () => void;
  cancelDisabled?: boolean;
  /** The confirm button's words (what it does); null when there is nothing to confirm. */
  submit: string | null;
  submitDisabled: boolean;
  /** Why the confirm button waits; null or empty while it does not. */
  missing: string | null;
  /** The id of the first field at fault: a confirm pressed too soon goes there. */
  goTo?: string | null;
  /**
   * Whether anything can keep the confirm button waiting (a field to fill): its line is kept
   * while empty, so the buttons do not move when it fills. A dialog with nothing to fill (an
   * approval) keeps no empty band under its buttons.
   */
  mayWait?: boolean;
  /** The confirm button's colour: «danger» for what takes something away. */
  tone?: 'primary' | 'danger';
}) {
  const missingId = useId();
  return (
    <div className="dialog-footer">
      <div className="dialog-buttons">
        <button type="button" onClick={onCancel} disabled={cancelDisabled}>
          {cancel}
        </button>
        {submit !== null && (
          <ConfirmButton
            waiting={submitDisabled}
            why={missing || null}
            whyId={missingId}
            goTo={goTo}
            className={tone}
          >
            {submit}
          </ConfirmButton>
        )}
      </div>
      {(mayWait || missing) && (
        <p id={missingId} className="muted small dialog-missing">
          {missing}
        </p>
      )}
    </div>
  );
}
