import { useCallback, useEffect, useState } from 'react';
import type { AuditEvent } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/format';
import { actionLabels, identityFactLabels } from '../../../shared/messages';
import { parseRut } from '../../../shared/rut';
import type { IdentityFact } from '../../../shared/policy';
import { ApiError, call } from '../api/client';
import { displayRut } from './display';

const PAGE = 100;

type Filters = { rut: string; agentId: string; action: string; from: string; to: string };
const EMPTY: Filters = { rut: '', agentId: '', action: '', from: '', to: '' };

function toQuery(filters: Filters) {
  return {
    personRut: filters.rut.trim() === '' ? null : filters.rut.trim(),
    agentId: filters.agentId || null,
    action: filters.action || null,
    from: filters.from || null,
    to: filters.to || null,
  };
}

const facts = (json: string | null) =>
  json
    ? (JSON.parse(json) as IdentityFact[]).map((f) => identityFactLabels[f] ?? f).join(', ')
    : '';

/** Supervisors: every view and action, filtered, exported to CSV, and the chain verified. */
export function AuditView() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  /** The filters the table on screen was loaded with: export and paging follow them. */
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [agents, setAgents] = useState<Array<{ agentId: string; displayName: string }>>([]);
  const [page, setPage] = useState<{ total: number; events: AuditEvent[] } | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [chain, setChain] = useState<string | null>(null);

  const failed = (failure: unknown) =>
    setError(failure instanceof ApiError ? failure.message : 'No se pudo consultar la auditoría.');

  const load = useCallback(async (next: Filters, at: number) => {
    if (next.rut.trim() !== '' && !parseRut(next.rut)) {
      setError('RUT inválido: revise el dígito verificador.');
      return;
    }
    setError(null);
    try {
      setPage(await call('audit.list', { ...toQuery(next), offset: at, limit: PAGE }));
      setOffset(at);
      setApplied(next);
    } catch (failure) {
      failed(failure);
    }
  }, []);

  useEffect(() => {
    call('audit.list', { ...toQuery(EMPTY), offset: 0, limit: PAGE })
      .then(setPage)
      .catch(() => setError('No se pudo consultar la auditoría.'));
    call('agents.list', {})
      .then(setAgents)
      .catch(() => setAgents([]));
  }, []);

  const agentName = (id: string) => agents.find((a) => a.agentId === id)?.displayName ?? id;
  const set = (key: keyof Filters) => (event: { target: { value: string } }) =>
    setFilters((current) => ({ ...current, [key]: event.target.value }));

  const exportCsv = async () => {
    try {
      const file = await call('audit.export', toQuery(applied));
      const url = URL.createObjectURL(
        new Blob([`\ufeff${file.csv}`], { type: 'text/csv;charset=utf-8' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      failed(failure);
    }
  };

  const verify = async () => {
    try {
      const report = await call('audit.verify', {});
      setChain(
        report.ok
          ? `Cadena íntegra: ${report.checked.toLocaleString('es-CL')} eventos verificados.`
          : `Cadena ROTA en el evento #${report.firstBroken.seq}: ${
              report.firstBroken.problem === 'link_broken'
                ? 'falta o se reordenó un evento'
                : 'el evento fue modificado'
            }.`,
      );
    } catch (failure) {
      failed(failure);
    }
  };

  return (
    <section className="page" aria-labelledby="audit-title">
      <h1 id="audit-title">Auditoría</h1>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          void load(filters, 0);
        }}
      >
        <label className="field inline">
          RUT
          <input value={filters.rut} onChange={set('rut')} placeholder="12.345.678-5" />
        </label>
        <label className="field inline">
          Agente
          <select value={filters.agentId} onChange={set('agentId')}>
            <option value="">Todos</option>
            {agents.map((a) => (
              <option key={a.agentId} value={a.agentId}>
                {a.displayName}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          Acción
          <select value={filters.action} onChange={set('action')}>
            <option value="">Todas</option>
            {Object.entries(actionLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          Desde
          <input type="date" value={filters.from} onChange={set('from')} />
        </label>
        <label className="field inline">
          Hasta
          <input type="date" value={filters.to} onChange={set('to')} />
        </label>
        <button type="submit">Filtrar</button>
        <button type="button" onClick={exportCsv}>
          Exportar CSV
        </button>
        <button type="button" onClick={verify}>
          Verificar cadena
        </button>
      </form>
      {error && (
        <p role="alert" className="notice notice-danger">
          {error}
        </p>
      )}
      {chain && <p className="notice">{chain}</p>}
      {page && (
        <>
          <p className="muted">
            {page.total.toLocaleString('es-CL')} eventos
            {page.total > PAGE && ` · ${offset + 1}–${Math.min(offset + PAGE, page.total)}`}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Fecha</th>
                <th scope="col">Agente</th>
                <th scope="col">Persona</th>
                <th scope="col">Acción</th>
                <th scope="col">Motivo</th>
                <th scope="col">Identidad verificada</th>
              </tr>
            </thead>
            <tbody>
              {page.events.map((event) => (
                <tr key={event.seq}>
                  <td>{event.seq}</td>
                  <td>{formatDateTime(event.at)}</td>
                  <td>{agentName(event.agentId)}</td>
                  <td>{event.personRut ? displayRut(event.personRut) : '—'}</td>
                  <td>{actionLabels[event.action] ?? event.action}</td>
                  <td>{event.reason ?? ''}</td>
                  <td>{facts(event.identityCheck)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => void load(applied, Math.max(0, offset - PAGE))}
            >
              Anteriores
            </button>
            <button
              type="button"
              disabled={offset + PAGE >= page.total}
              onClick={() => void load(applied, offset + PAGE)}
            >
              Siguientes
            </button>
          </div>
        </>
      )}
    </section>
  );
}
