import { useRef, useState, type FormEvent } from 'react';
import { useSession } from '../session-store';
import { SignInDeviceNotice } from '../device-trust/DeviceTrustNotice';
import { ErrorNotice } from './ErrorNotice';

export function SignInScreen() {
  const signIn = useSession((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A failed sign-in may have revealed a revoked device: look again (issue 11).
  const [attempts, setAttempts] = useState(0);
  const usernameField = useRef<HTMLInputElement>(null);
  // A new identity: the refusal it answered goes, and the agent signs in from the first field.
  const reenrolled = () => {
    setError(null);
    usernameField.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
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
        <h1 id="signin-title">Mesa de Ayuda</h1>
        <p className="muted">Ingrese con su usuario de agente.</p>
        <label className="field">
          Usuario
          <input
            ref={usernameField}
            autoFocus
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="field">
          Contraseña
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error && <ErrorNotice>{error}</ErrorNotice>}
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? 'Ingresando…' : 'Ingresar'}
        </button>
      </form>
    </main>
  );
}
