import { useEffect, useState } from 'react';
import type { AccessRequestView } from '../../../shared/contract';
import { formatDate } from '../../../shared/format';
import {
  companyMessages as t,
  requestCapacityLabels,
  requestStateLabels,
} from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { displayRut } from '../components/display';
import { useSession } from '../session-store';
import { RegisterCheckCell } from './CompanyPane';
import { useCompany } from './company-store';

type StateFilter = AccessRequestView['state'] | 'all';

/** Every Portal Empresas request, newest first; a row opens its company to decide it. */
export function RequestsView() {
  const [state, setState] = useState<StateFilter>('pending');
  const [requests, setRequests] = useState<AccessRequestView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = useSession((s) => s.show);
  const openCompany = useCompany((s) => s.open);

  useEffect(() => {
    let current = true;
    call('requests.list', { state: state === 'all' ? null : state, limit: 200 }).then(
      (page) => {
        if (!current) return;
        setRequests(page.requests);
        setError(null);
      },
      (failure: unknown) =>
        current &&
        setError(failure instanceof ApiError ? failure.message : 'No se pudo cargar la lista.'),
    );
    return () => {
      current = false;
    };
  }, [state]);

  return (
    <section className="page" aria-labelledby="requests-title">
      <h1 id="requests-title">{t.requestsTitle}</h1>
      <label className="field inline">
        <span className="field-label">{t.requestsFilter}</span>
        <select value={state} onChange={(event) => setState(event.target.value as StateFilter)}>
          <option value="pending">{requestStateLabels.pending}</option>
          <option value="approved">{requestStateLabels.approved}</option>
          <option value="rejected">{requestStateLabels.rejected}</option>
          <option value="all">{t.requestsAll}</option>
        </select>
      </label>
      {error && (
        <p role="alert" className="notice notice-danger">
          {error}
        </p>
      )}
      {requests && requests.length === 0 && <p className="muted">{t.requestsNone}</p>}
      {requests && requests.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Fecha</th>
              <th scope="col">Empresa</th>
              <th scope="col">Solicitante</th>
              <th scope="col">Declara</th>
              <th scope="col">Registro de la empresa</th>
              <th scope="col">Estado</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={`${r.companyRut}-${r.requester.rut}-${r.requestedAt}`}>
                <td className="nowrap">{formatDate(r.requestedAt)}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={t.openOf(r.companyName)}
                    onClick={() => {
                      show('search');
                      void openCompany(r.companyRut);
                    }}
                  >
                    {r.companyName}
                  </button>
                </td>
                <td>
                  {r.requester.name ?? ''}
                  <span className="rut small">{displayRut(r.requester.rut)}</span>
                </td>
                <td>{requestCapacityLabels[r.capacity]}</td>
                <RegisterCheckCell check={r.check} />
                <td>
                  {requestStateLabels[r.state]}
                  {r.reason && <span className="small muted"> · {r.reason}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
