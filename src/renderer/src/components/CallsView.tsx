import { useCallback, useEffect, useState } from 'react';
import type { Interaction } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/format';
import {
  actionLabels,
  callMessages as t,
  interactionOutcomeLabels,
  interactionReasonLabels,
} from '../../../shared/messages';
import { seesAllInteractions } from '../../../shared/policy';
import { parseRut } from '../../../shared/rut';
import { ApiError, call } from '../api/client';
import { useSession } from '../session-store';
import { useApp } from '../store';
import { displayRut } from './display';

/**
 * Calls and visits: the agent's own (a supervisor's: everyone's, with who took each), newest
 * first. Each person opens their record.
 */
export function CallsView() {
  const [rut, setRut] = useState('');
  const [calls, setCalls] = useState<Interaction[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const role = useSession((s) => s.session?.role ?? 'agent');
  const show = useSession((s) => s.show);
  const openPerson = useApp((s) => s.openPerson);
  const all = seesAllInteractions(role);

  const load = useCallback(async (text: string) => {
    const trimmed = text.trim();
    if (trimmed !== '' && !parseRut(trimmed)) {
      setError(t.listInvalidRut);
      return;
    }
    setError(null);
    try {
      setCalls(
        await call('interactions.list', { rut: trimmed === '' ? null : trimmed, limit: 100 }),
      );
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.listFailed);
    }
  }, []);

  useEffect(() => {
    call('interactions.list', { rut: null, limit: 100 })
      .then(setCalls)
      .catch(() => setError(t.listFailed));
  }, []);

  const open = (personRut: string) => {
    show('search');
    openPerson(personRut);
    // The record pane takes the focus once it is on screen, as when opened from the results.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('section.record[tabindex="-1"]')?.focus(),
    );
  };

  return (
    <section className="page" aria-labelledby="calls-title">
      <h1 id="calls-title">{t.listTitle}</h1>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          void load(rut);
        }}
      >
        <label className="field inline">
          {t.listRut}
          <input
            value={rut}
            onChange={(event) => setRut(event.target.value)}
            placeholder="12.345.678-5"
          />
        </label>
        <button type="submit">{t.listSearch}</button>
      </form>
      {error && (
        <p role="alert" className="notice notice-danger">
          {error}
        </p>
      )}
      {calls && calls.length === 0 && <p className="muted">{t.listEmpty}</p>}
      {calls && calls.length > 0 && (
        <table className="calls-table">
          <caption className="muted">{t.listCaption(all)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.columns.openedAt}</th>
              {all && <th scope="col">{t.columns.agent}</th>}
              <th scope="col">{t.columns.person}</th>
              <th scope="col">{t.columns.reason}</th>
              <th scope="col">{t.columns.actions}</th>
              <th scope="col">{t.columns.outcome}</th>
              <th scope="col">{t.columns.notes}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((item) => (
              <tr key={item.id}>
                <td className="nowrap">{formatDateTime(item.openedAt)}</td>
                {all && <td>{item.agentName ?? t.unknownAgent}</td>}
                <td>
                  {item.personRut ? (
                    <PersonCell
                      name={item.personName}
                      rut={item.personRut}
                      onOpen={() => open(item.personRut!)}
                    />
                  ) : (
                    '—'
                  )}
                </td>
                <td>{interactionReasonLabels[item.reason]}</td>
                <td>
                  {item.actions.map((a) => actionLabels[a.action] ?? a.action).join(', ') || '—'}
                </td>
                <td>{item.outcome ? interactionOutcomeLabels[item.outcome] : t.inProgressShort}</td>
                <td className="call-notes">{item.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The caller: name and RUT; a person in the replica opens their record. */
function PersonCell({
  name,
  rut,
  onOpen,
}: {
  name: string | null;
  rut: string;
  onOpen: () => void;
}) {
  const formatted = <span className="rut nowrap">{displayRut(rut)}</span>;
  if (!name) return formatted;
  return (
    <button type="button" className="call-person" onClick={onOpen}>
      <span className="call-person-name">{name}</span> {formatted}
    </button>
  );
}
