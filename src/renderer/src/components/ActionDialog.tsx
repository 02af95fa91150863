import { useEffect, useRef, useState, type FormEvent } from 'react';
import { identityFactLabels, roleLabels } from '../../../shared/messages';
import {
  IDENTITY_FACTS,
  IDENTITY_FACTS_REQUIRED,
  normalizeEmail,
  normalizeMobile,
  type IdentityFact,
} from '../../../shared/policy';
import { ApiError } from '../api/client';
import { useSession, type DialogSpec, type DialogValues } from '../session-store';
import { useApp } from '../store';

/** Confirms one action: asks for what it needs, says what went wrong, loses nothing typed. */
export function ActionDialog() {
  const spec = useSession((s) => s.dialog);
  // A new action starts from a fresh form.
  return spec ? <DialogForm key={spec.title} spec={spec} /> : null;
}

function DialogForm({ spec }: { spec: DialogSpec }) {
  const close = useSession((s) => s.closeDialog);
  const notify = useSession((s) => s.notify);
  const refreshInteraction = useSession((s) => s.refreshInteraction);
  const replaceRecord = useApp((s) => s.replaceRecord);
  const reloadRecord = useApp((s) => s.reloadRecord);
  const [email, setEmail] = useState(spec.email ?? '');
  const [phone, setPhone] = useState(spec.phone ?? '');
  const [role, setRole] = useState<DialogValues['role']>(spec.currentRole ?? 'worker');
  const [reason, setReason] = useState('');
  const [facts, setFacts] = useState<IdentityFact[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dialogRef.current
      ?.querySelector<HTMLElement>('input, select, textarea, button[type=submit]')
      ?.focus();
  }, []);

  // Esc cancels wherever the focus is, but not while saving: the answer must land here.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !busy) {
        event.preventDefault();
        close();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [busy, close]);

  const emailInvalid =
    spec.email !== undefined && email.trim() !== '' && normalizeEmail(email) === null;
  const phoneInvalid =
    spec.phone !== undefined && phone.trim() !== '' && normalizeMobile(phone) === null;
  const emailChanged =
    spec.email !== undefined && email.trim().toLowerCase() !== (spec.email ?? '');
  const needsIdentity = spec.identity && (spec.email === undefined || emailChanged);
  const missing: string[] = [];
  if (spec.reason === 'required' && reason.trim().length < 3) missing.push('el motivo');
  if (needsIdentity && facts.length < IDENTITY_FACTS_REQUIRED) {
    missing.push(`${IDENTITY_FACTS_REQUIRED} datos de identidad`);
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || missing.length > 0 || emailInvalid || phoneInvalid) return;
    setBusy(true);
    setError(null);
    try {
      const result = await spec.submit({
        email: email.trim(),
        phone: phone.trim(),
        role,
        reason,
        identityCheck: facts,
      });
      // Applied: show it if the agent is still on this person; close this dialog if still open.
      if (useApp.getState().recordRut === result.record.rut) replaceRecord(result.record);
      if (useSession.getState().dialog === spec) close();
      notify(spec.done);
      void refreshInteraction();
      void useSession.getState().refreshSync();
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError) {
        setError(failure.message);
        if (failure.code === 'stale') void reloadRecord();
      } else {
        setError('No se pudo completar la acción. Intente de nuevo.');
      }
    }
  };

  const toggle = (fact: IdentityFact) =>
    setFacts((current) =>
      current.includes(fact) ? current.filter((f) => f !== fact) : [...current, fact],
    );

  return (
    <div
      className="overlay"
      onMouseDown={(event) => event.target === event.currentTarget && close()}
    >
      <div
        ref={dialogRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
      >
        <form onSubmit={submit}>
          <h2 id="dialog-title">{spec.title}</h2>
          {spec.description && <p className="muted">{spec.description}</p>}

          {spec.email !== undefined && (
            <label className="field">
              Correo
              <input
                type="email"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                aria-invalid={emailInvalid}
                autoComplete="off"
              />
              {emailInvalid && (
                <span className="field-error">Correo no válido: nombre@dominio.cl</span>
              )}
            </label>
          )}
          {spec.phone !== undefined && (
            <label className="field">
              Celular
              <input
                type="tel"
                value={phone}
                placeholder="+56 9 XXXX XXXX"
                onChange={(event) => setPhone(event.target.value)}
                aria-invalid={phoneInvalid}
                autoComplete="off"
              />
              {phoneInvalid && (
                <span className="field-error">Celular no válido: +56 9 XXXX XXXX</span>
              )}
            </label>
          )}
          {spec.roles && (
            <label className="field">
              Perfil
              <select
                value={role}
                onChange={(event) => setRole(event.target.value as DialogValues['role'])}
              >
                {Object.entries(roleLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {needsIdentity && (
            <fieldset className="identity">
              <legend>
                Identidad verificada: marque los datos que coincidieron (al menos{' '}
                {IDENTITY_FACTS_REQUIRED})
              </legend>
              {IDENTITY_FACTS.map((fact) => (
                <label key={fact} className="check">
                  <input
                    type="checkbox"
                    checked={facts.includes(fact)}
                    onChange={() => toggle(fact)}
                  />
                  {identityFactLabels[fact]}
                </label>
              ))}
            </fieldset>
          )}
          {spec.reason === 'required' && (
            <label className="field">
              Motivo
              <textarea
                value={reason}
                rows={2}
                maxLength={500}
                onChange={(event) => setReason(event.target.value)}
              />
            </label>
          )}

          {error && (
            <p role="alert" className="notice notice-danger">
              {error}
            </p>
          )}
          <div className="dialog-buttons">
            <button type="button" onClick={close}>
              Cancelar
            </button>
            <button
              type="submit"
              className="primary"
              disabled={busy || missing.length > 0 || emailInvalid || phoneInvalid}
              title={missing.length > 0 ? `Falta: ${missing.join(' y ')}` : undefined}
            >
              {busy ? 'Guardando…' : spec.confirmLabel}
            </button>
          </div>
          {missing.length > 0 && <p className="muted small">Falta: {missing.join(' y ')}.</p>}
        </form>
      </div>
    </div>
  );
}
