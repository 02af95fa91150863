import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { deviceTrustMessages, errorMessages } from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { saveBlob } from '../components/save-file';
import { useSession } from '../session-store';

/**
 * Device trust (issue 11): what a revoked device or a duplicated one (device_fork) tells the
 * agent, where the unsent actions went, and the explicit way back: a new identity.
 */
export function DeviceTrustNotice({
  sync,
  onChanged,
  onReenrolled,
}: {
  sync: SyncStatus | null;
  onChanged: (next: SyncStatus) => void;
  /** The device has its new identity: the sign-in form's old refusal goes, the focus comes. */
  onReenrolled?: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<'revoked' | 'fork' | null>(null);
  if (!sync) return null;
  const revoked = sync.revocation;
  const forked = sync.state === 'device_fork';
  if (!revoked && !forked && done === null) return null;
  // What the revocation's file holds: unsent actions, and those still to review.
  const kept = revoked ? revoked.actions + revoked.toReview + revoked.interactions : 0;

  const reenrol = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await call('sync.reenrol', {});
      setDone(sync.revocation ? 'revoked' : 'fork');
      onChanged(next);
      onReenrolled?.();
    } catch (failure) {
      setError(
        failure instanceof ApiError ? failure.message : deviceTrustMessages.reenrolNotNeeded,
      );
    } finally {
      setBusy(false);
    }
  };

  // A copy where the agent chooses: the file itself sits in the desk's data folder, out of
  // reach of a browser (the web door) and of most agents.
  const saveCopy = async () => {
    setError(null);
    try {
      const file = await call('sync.revocationFile', {});
      saveBlob(new Blob([file.content], { type: 'application/json' }), file.fileName);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : errorMessages.internal);
    }
  };

  if (done !== null && !revoked && !forked) {
    return (
      <p role="status" className="notice notice-warn">
        {deviceTrustMessages.reenrolled(done)}
      </p>
    );
  }
  return (
    <section
      className="notice notice-danger device-trust"
      role="alert"
      aria-labelledby="device-trust-title"
    >
      <strong id="device-trust-title">
        {revoked ? deviceTrustMessages.revokedTitle : deviceTrustMessages.forkTitle}
      </strong>
      {revoked ? (
        <>
          <p>{deviceTrustMessages.revokedIntro}</p>
          <p>
            {deviceTrustMessages.revokedSaved(
              revoked.actions,
              revoked.toReview,
              revoked.interactions,
            )}
          </p>
          {kept > 0 && (
            <p>
              <code className="device-trust-file">{revoked.file}</code>{' '}
              <button type="button" onClick={() => void saveCopy()}>
                {deviceTrustMessages.revokedDownload}
              </button>
            </p>
          )}
          <p>{deviceTrustMessages.revokedWhatToDo(kept)}</p>
        </>
      ) : (
        <p>{deviceTrustMessages.forkBody}</p>
      )}
      {error && <p>{error}</p>}
      <button type="button" className="primary" disabled={busy} onClick={() => void reenrol()}>
        {busy ? deviceTrustMessages.reenrolling : deviceTrustMessages.reenrol}
      </button>
    </section>
  );
}

/** The sign-in screen asks for the device's state itself: it may have been revoked. */
export function SignInDeviceNotice({
  checkAgain,
  onReenrolled,
}: {
  checkAgain: number;
  onReenrolled: () => void;
}) {
  const [sync, setSync] = useState<SyncStatus | null>(null);
  useEffect(() => {
    call('sync.status', {})
      .then((next) => {
        setSync(next);
        // The device's own notice says why the session ended: the window's general «the
        // session ended or changed» (its lock poll may have seen it first) would tell less.
        if (next.revocation || next.state === 'device_fork') {
          useSession.setState({ signedOutBecause: null });
        }
      })
      .catch(() => setSync(null));
  }, [checkAgain]);
  return <DeviceTrustNotice sync={sync} onChanged={setSync} onReenrolled={onReenrolled} />;
}

/** A device revoked under a signed-in agent: the session is over, the sign-in screen says why. */
export function useSignOutWhenRevoked(): void {
  const revoked = useSession((s) => s.sync?.state === 'revoked');
  const signOut = useSession((s) => s.signOut);
  useEffect(() => {
    // The status goes with the session (leave): the next agent's desk does not start from it.
    if (revoked) void signOut();
  }, [revoked, signOut]);
}
