/**
 * Sincronización → Ajustes: the central API's address. Checked beside the field as it is typed
 * (https, or http only to this machine); a change — or removing it — is confirmed with a reason
 * that main keeps in the audit. Only a supervisor may change it; others read why not.
 */
import { useId, useState } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { centralUrlProblem } from '../../../shared/central-url';
import { ruleMessages, syncMessages as t } from '../../../shared/messages';
import { MIN_ADMIN_REASON } from '../../../shared/policy';
import { call } from '../api/client';
import { useSession } from '../session-store';
import { ReasonDialog } from '../components/ReasonDialog';

export function CentralAddressForm({ sync }: { sync: SyncStatus }) {
  const supervisor = useSession((s) => s.session?.role === 'supervisor');
  const refreshSync = useSession((s) => s.refreshSync);
  const notify = useSession((s) => s.notify);
  const [typed, setTyped] = useState<string | null>(null);
  const [asking, setAsking] = useState<string | null | undefined>(undefined);
  /** Said once the agent leaves the field or saves: not at every keystroke. */
  const [tried, setTried] = useState(false);
  const ids = { field: useId(), error: useId(), note: useId() };

  const value = typed ?? sync.centralUrl ?? '';
  const wanted = value.trim() === '' ? null : value.trim();
  const problem = wanted === null ? null : centralUrlProblem(wanted);
  const invalid = problem !== null;
  const fieldError =
    problem !== null && tried ? ruleMessages.invalid_central_url!({ why: problem }) : null;
  // An agent reads why it is closed to them; a supervisor, what a desk without one misses.
  const note = !supervisor ? t.onlySupervisor : !sync.configured ? t.notConfiguredHint : null;
  const noted = note !== null;
  const describedBy =
    [fieldError ? ids.error : null, noted ? ids.note : null].filter(Boolean).join(' ') || undefined;

  const save = () => {
    setTried(true);
    if (invalid) return;
    if (wanted === (sync.centralUrl ?? null)) {
      setTyped(null);
      notify(t.addressUnchanged);
      return;
    }
    setAsking(wanted);
  };

  return (
    <>
      <form
        className="filters"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="field inline">
          <label htmlFor={ids.field}>{t.centralAddress}</label>
          <input
            id={ids.field}
            value={value}
            // An example only for whoever may type one: greyed in a locked field it reads as set.
            placeholder={supervisor ? t.addressExample : undefined}
            onChange={(event) => setTyped(event.target.value)}
            onBlur={() => setTried((was) => was || typed !== null)}
            size={40}
            maxLength={300}
            disabled={!supervisor}
            aria-invalid={fieldError !== null}
            aria-describedby={describedBy}
          />
        </div>
        <button type="submit" disabled={!supervisor} aria-describedby={describedBy}>
          {t.save}
        </button>
      </form>
      {fieldError && (
        <p id={ids.error} className="field-error" aria-live="polite">
          {fieldError}
        </p>
      )}
      {noted && (
        <p id={ids.note} className="muted small">
          {note}
        </p>
      )}
      {asking !== undefined && (
        <ReasonDialog
          title={asking === null ? t.addressRemoveTitle : t.addressChangeTitle}
          explanation={
            asking === null
              ? t.addressRemoveExplain(sync.pending + sync.waitingForOtherAgent)
              : t.addressChangeExplain(asking)
          }
          reasonHint={t.addressReasonHint}
          minReason={MIN_ADMIN_REASON}
          confirmLabel={asking === null ? t.addressRemoveConfirm : t.addressConfirm}
          busyLabel={asking === null ? t.addressSaving : t.addressChecking}
          tone={asking === null ? 'danger' : 'primary'}
          submit={async (reason) => {
            await call('sync.configure', { centralUrl: asking, reason });
            setAsking(undefined);
            setTyped(null);
            setTried(false);
            await refreshSync();
            notify(t.addressSaved);
          }}
          close={() => setAsking(undefined)}
        />
      )}
    </>
  );
}
