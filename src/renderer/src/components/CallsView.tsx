import { useCallback, useEffect, useState } from 'react';
import type { Interaction } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/format';
import {
  actionLabels,
  interactionOutcomeLabels,
  interactionReasonLabels,
} from '../../../shared/messages';
import { parseRut } from '../../../shared/rut';
import { ApiError, call } from '../api/client';
import { displayRut } from './display';

/** Calls and visits: the agent's own (a supervisor's: everyone's), newest first, by RUT. */
export function CallsView() {
  const [rut, setRut] = useState('');
  const [calls, setCalls] = useState<Interaction[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (text: string) => {
    const trimmed = text.trim();
    if (trimmed !== '' && !parseRut(trimmed)) {
      setError('RUT inválido: revise el dígito verificador.');
      return;
    }
    setError(null);
    try {
      setCalls(
        await call('interactions.list', { rut: trimmed === '' ? null : trimmed, limit: 100 }),
      );
    } catch (failure) {
      setError(
        failure instanceof ApiError ? failure.message : 'No se pudieron cargar las llamadas.',
      );
    }
  }, []);

  useEffect(() => {
    call('interactions.list', { rut: null, limit: 100 })
      .then(setCalls)
      .catch(() => setError('No se pudieron cargar las llamadas.'));
  }, []);

  return (
    <section className="page" aria-labelledby="calls-title">
      <h1 id="calls-title">Llamadas</h1>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          void load(rut);
        }}
      >
        <label className="field inline">
          RUT de la persona
          <input
            value={rut}
            onChange={(event) => setRut(event.target.value)}
            placeholder="12.345.678-5"
          />
        </label>
        <button type="submit">Buscar</button>
      </form>
      {error && (
        <p role="alert" className="notice notice-danger">
          {error}
        </p>
      )}
      {calls && calls.length === 0 && <p className="muted">No hay llamadas registradas.</p>}
      {calls && calls.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Inicio</th>
              <th scope="col">Persona</th>
              <th scope="col">Motivo</th>
              <th scope="col">Acciones</th>
              <th scope="col">Resultado</th>
              <th scope="col">Notas</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((item) => (
              <tr key={item.id}>
                <td>{formatDateTime(item.openedAt)}</td>
                <td>{item.personRut ? displayRut(item.personRut) : '—'}</td>
                <td>{interactionReasonLabels[item.reason]}</td>
                <td>
                  {item.actions.map((a) => actionLabels[a.action] ?? a.action).join(', ') || '—'}
                </td>
                <td>{item.outcome ? interactionOutcomeLabels[item.outcome] : 'En curso'}</td>
                <td>{item.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
