import { useId, useRef, useState, type FormEvent } from 'react';
import { dataRequestMessages as t, deniedMessages, errorMessages } from '../../../shared/messages';
import { looksLikeCompanyRut } from '../../../shared/rut';
import { readRutField } from '../../../shared/rut-field';
import { ApiError, call } from '../api/client';
import { displayRut } from '../components/display';
import { ErrorNotice } from '../components/ErrorNotice';
import { useDataRequests } from './data-request-store';
import { useSession } from '../session-store';

/**
 * A request registered from the Ley 21.719 list: the titular's RUT reads the record (a view,
 * audited as from the requests) and opens the same form as the record's button, with the facts
 * to verify the identity. The RUT is taken in every form a caller dictates (rut-field.ts).
 */
export function RegisterRequestForm() {
  const startRecording = useDataRequests((s) => s.startRecording);
  const startWithoutRecord = useDataRequests((s) => s.startRecordingWithoutRecord);
  // While persons still arrive (an initial sync), nobody can be said not to be held.
  const arriving = useSession(
    (s) => s.sync !== null && (s.sync.initialSync !== null || s.sync.scopeChange !== null),
  );
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** A valid RUT the system holds nobody with: the request may still be recorded without a record. */
  const [notHeld, setNotHeld] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), rut: useId(), hint: useId(), error: useId() };

  const fail = (message: string) => {
    setError(message);
    setNotHeld(null);
    input.current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const field = readRutField(text);
    if (!field.ok) return fail(field.error);
    if (field.rut === null) return fail(t.registerEmpty);
    setBusy(true);
    setError(null);
    try {
      const record = await call('persons.get', { rut: field.rut, via: 'data_requests' });
      const can = record.dataProtection.can;
      if (!can.allowed) return fail(deniedMessages[can.reason]);
      setText('');
      startRecording(record);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'not_found') {
        if (looksLikeCompanyRut(field.rut)) fail(t.registerCompanyRut(displayRut(field.rut)));
        else if (arriving) fail(t.registerNotSynced(displayRut(field.rut)));
        else {
          fail(t.registerNotFound(displayRut(field.rut)));
          setNotHeld(field.rut);
        }
      } else fail(failure instanceof ApiError ? failure.message : errorMessages.internal);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="register-request" aria-labelledby={ids.title} onSubmit={submit} noValidate>
      <h2 id={ids.title}>{t.registerTitle}</h2>
      <div className="filters">
        <label className="field inline" htmlFor={ids.rut}>
          <span className="field-label">{t.registerRut}</span>
          <input
            id={ids.rut}
            ref={input}
            value={text}
            inputMode="text"
            autoComplete="off"
            placeholder="12.345.678-5"
            aria-invalid={error !== null}
            aria-describedby={error ? `${ids.error} ${ids.hint}` : ids.hint}
            onChange={(event) => {
              setText(event.target.value);
              setError(null);
              setNotHeld(null);
            }}
          />
        </label>
        <button type="submit" aria-busy={busy}>
          {busy ? t.registering : t.registerButton}
        </button>
      </div>
      <p id={ids.hint} className="muted small">
        {t.registerHint}
      </p>
      {error && <ErrorNotice id={ids.error}>{error}</ErrorNotice>}
      {notHeld && (
        <button
          type="button"
          onClick={() => {
            const rut = notHeld;
            setText('');
            setError(null);
            setNotHeld(null);
            // The dialog gives the focus back to the field (this button is gone by then).
            input.current?.focus();
            startWithoutRecord(rut);
          }}
        >
          {t.registerWithoutRecord}
        </button>
      )}
    </form>
  );
}
