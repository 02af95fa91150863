import { useId, useRef, useState, type FormEvent } from 'react';
import type { AgentSession, LockState } from '../../../shared/contract';
import { lockScreenMessages as t } from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConfirmButton } from '../components/ConfirmButton';

type Props = {
  state: LockState & { locked: NonNullable<LockState['locked']> };
  onUnlocked: (session: AgentSession) => void;
  /** The locked session is over (attempts ran out): sign in again. */
  /** The locked session ended here (its attempts ran out): the sign-in says `because`. */
  onEnded: (because: string) => void;
  onOtherAgent: () => void;
};

/** What a locked desk shows: whose session it is, a password field, and nothing of any person. */
export function LockScreen({ state, onUnlocked, onEnded, onOtherAgent }: Props) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const passwordId = useId();
  const missingId = useId();
  const errorId = useId();
  // Pressed with the password empty: what is missing is shown, and the field marked.
  const [tried, setTried] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !password) return;
    setBusy(true);
    try {
      onUnlocked(await call('auth.unlock', { password }));
    } catch (failure) {
      setPassword('');
      const message = failure instanceof ApiError ? failure.message : t.failed;
      const after = await call('auth.lockState', {}).catch(() => null);
      // Its attempts ran out: straight to the sign-in, which says why.
      if (after?.locked === null) onEnded(message);
      else {
        setError(message);
        // Straight back to the password for another try.
        requestAnimationFrame(() => passwordRef.current?.focus());
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin lock-screen">
      <form className="signin-card" onSubmit={submit} aria-labelledby="lock-title">
        <h1 id="lock-title">{t.title}</h1>
        <p className="muted">
          {state.locked.reason === 'system'
            ? t.explanationSystem
            : state.locked.reason === 'manual'
              ? t.explanationManual
              : t.explanation(t.minutes(state.idleSeconds))}
        </p>
        <p>
          <strong>{t.whoIsLocked(state.locked.displayName)}</strong>
        </p>
        {/* Lets a password manager know whose password this is. */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          value={state.locked.username}
          readOnly
          hidden
        />
        <label className="field">
          {t.password}
          <input
            id={passwordId}
            ref={passwordRef}
            autoFocus
            type="password"
            autoComplete="current-password"
            maxLength={200}
            value={password}
            aria-invalid={(tried && !password) || undefined}
            aria-describedby={error && !password ? errorId : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && <ErrorNotice id={errorId}>{error}</ErrorNotice>}
        <ConfirmButton
          waiting={busy || !password}
          why={password ? null : t.missingPassword}
          whyId={missingId}
          goTo={passwordId}
          onRefused={() => setTried(true)}
        >
          {busy ? t.unlocking : t.unlock}
        </ConfirmButton>
        {tried && !password && (
          <p id={missingId} className="form-missing">
            {t.missingPassword}
          </p>
        )}
        <button type="button" className="link" onClick={onOtherAgent}>
          {t.otherAgent}
        </button>
        <p className="muted">{t.otherAgentNote}</p>
      </form>
    </main>
  );
}
