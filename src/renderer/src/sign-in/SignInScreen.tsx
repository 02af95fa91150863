import { useId, useRef, useState, type FormEvent } from 'react';
import { dialogMessages, signInMessages as t } from '../../../shared/messages';
import { useSession } from '../session-store';
import { SignInDeviceNotice } from '../device-trust/DeviceTrustNotice';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConfirmButton, missingParts } from '../components/ConfirmButton';

export function SignInScreen() {
  const signIn = useSession((s) => s.signIn);
  const because = useSession((s) => s.signedOutBecause);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A failed sign-in may have revealed a revoked device: look again (issue 11).
  const [attempts, setAttempts] = useState(0);
  const usernameField = useRef<HTMLInputElement>(null);
  const ids = { username: useId(), password: useId(), missing: useId(), error: useId() };
  // Pressed with a field empty: what is missing is shown, and the empty fields are marked (the
  // button's alert has said it: the fields are not described by it again).
  const [tried, setTried] = useState(false);
  const missing = missingParts();
  if (!username) missing.add(t.missingUsername, ids.username);
  if (!password) missing.add(t.missingPassword, ids.password);
  const why = missing.parts.length > 0 ? dialogMessages.missing(missing.parts) : null;
  // A new identity: the refusal it answered goes, and the agent signs in from the first field.
  const reenrolled = () => {
    setError(null);
    usernameField.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || missing.parts.length > 0) return;
    // Both fields were there: a refusal now empties the password, which is no field left
    // empty (walk 60a L6: «Falta: su contraseña.» under «Usuario o contraseña incorrectos.»).
    setTried(false);
    setBusy(true);
    const failure = await signIn(username, password);
    setBusy(false);
    if (failure) {
      setError(failure);
      setPassword('');
      setAttempts((n) => n + 1);
    }
  };

  return (
    <main className="signin">
      <SignInDeviceNotice checkAgain={attempts} onReenrolled={reenrolled} />
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">{t.title}</h1>
        <p className="muted">{t.intro}</p>
        {because && (
          <p className="notice notice-warn" role="status">
            {because}
          </p>
        )}
        <label className="field">
          {t.username}
          <input
            id={ids.username}
            ref={usernameField}
            autoFocus
            autoComplete="username"
            maxLength={100}
            value={username}
            aria-invalid={(tried && !username) || undefined}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="field">
          {t.password}
          <input
            id={ids.password}
            type="password"
            autoComplete="current-password"
            maxLength={200}
            value={password}
            aria-invalid={(tried && !password) || undefined}
            aria-describedby={error && !password ? ids.error : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && <ErrorNotice id={ids.error}>{error}</ErrorNotice>}
        <ConfirmButton
          waiting={busy || missing.parts.length > 0}
          why={why}
          whyId={ids.missing}
          goTo={missing.goTo}
          onRefused={() => setTried(true)}
        >
          {busy ? t.busy : t.submit}
        </ConfirmButton>
        {tried && why && (
          <p id={ids.missing} className="form-missing">
            {why}
          </p>
        )}
      </form>
    </main>
  );
}
