/**
 * The dialog of a decision that needs a reason kept in the audit, and nothing else about a person
 * (taking over an absent agent's actions, revoking a device, giving a company to a prevention
 * officer): its title, what it will do, any field of its own, the reason, and Cancel or confirm.
 * The confirm button waits for a reason long enough and the decision's own fields, and says what
 * is missing (DialogFooter); an error is said in the dialog, which stays open with what was typed.
 * The shell (focus, Esc, busy) is Modal's.
 */
import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import { dialogMessages, reasonDialogMessages as t } from '../../../shared/messages';
import { ApiError } from '../api/client';
import { Modal } from './Modal';
import { ErrorNotice } from './ErrorNotice';
import { DialogFooter } from './DialogFooter';
import { missingParts } from './ConfirmButton';
import { LengthLeft } from './LengthLeft';
import { REASON_MAX } from '../../../shared/policy';

export function ReasonDialog({
  title,
  explanation,
  children,
  reasonLabel = t.reason,
  reasonHint,
  reasonMissing,
  reasonMax = REASON_MAX,
  minReason = 1,
  lacking = null,
  confirmLabel,
  busyLabel,
  cancelLabel = t.cancel,
  tone = 'primary',
  submit,
  close,
}: {
  title: string;
  explanation: ReactNode;
  /** Fields of this decision's own, above the reason. */
  children?: ReactNode;
  reasonLabel?: string;
  reasonHint: string;
  /** What the footer says while the reason is too short, when «el motivo» is not what it asks. */
  reasonMissing?: string;
  /** The longest reason the decision's channel takes (a call's follow-up note: its notes'). */
  reasonMax?: number;
  /** Characters the trimmed reason needs before the decision can be confirmed. */
  minReason?: number;
  /** What the decision's own fields still lack, and the field that gives it; null once filled. */
  lacking?: { text: string; field: string } | null;
  confirmLabel: string;
  busyLabel: string;
  cancelLabel?: string;
  tone?: 'primary' | 'danger';
  /**
   * Does it; a rejection (an ApiError's Spanish message) is shown in the dialog. `decisionId` is
   * this dialog's, the same at every attempt: a decision asked again after an answer was lost is
   * recognised as the same one.
   */
  submit: (reason: string, decisionId: string) => Promise<void>;
  close: () => void;
}) {
  const [reason, setReason] = useState('');
  const [decisionId] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const explanationId = useId();
  const reasonId = useId();
  const hintId = useId();
  const stableClose = useCallback(() => close(), [close]);
  const missing = missingParts();
  if (lacking) missing.add(lacking.text, lacking.field);
  if (reason.trim().length < minReason)
    missing.add(reasonMissing ?? t.missingReason(minReason), reasonId);
  const canConfirm = missing.parts.length === 0;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !canConfirm) return;
    setBusy(true);
    setError(null);
    try {
      await submit(reason, decisionId);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.failed);
      setBusy(false);
    }
  };

  return (
    <Modal titleId={titleId} descriptionId={explanationId} busy={busy} close={stableClose}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <h2 id={titleId}>{title}</h2>
        <p id={explanationId}>{explanation}</p>
        {children}
        <div className="field">
          <label htmlFor={reasonId}>{reasonLabel}</label>
          <textarea
            id={reasonId}
            value={reason}
            rows={2}
            maxLength={reasonMax}
            required
            aria-describedby={hintId}
            onChange={(event) => setReason(event.target.value)}
          />
          <LengthLeft value={reason} max={reasonMax} />
          <span id={hintId} className="muted small">
            {reasonHint}
          </span>
        </div>
        {error && <ErrorNotice>{error}</ErrorNotice>}
        <DialogFooter
          cancel={cancelLabel}
          onCancel={close}
          cancelDisabled={busy}
          submit={busy ? busyLabel : confirmLabel}
          submitDisabled={busy || !canConfirm}
          missing={canConfirm ? null : dialogMessages.missing(missing.parts)}
          goTo={missing.goTo}
          tone={tone}
        />
      </form>
    </Modal>
  );
}
