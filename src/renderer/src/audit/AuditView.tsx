import { Pager } from '../components/Pager';
import { useCallback, useEffect, useRef, useState } from 'react';
import { WholeDates } from '../components/WholeDates';
import { DateField } from '../components/DateField';
import {
  actionText,
  describeAuditChange,
  deviceText,
  identityColumnText,
} from '../../../shared/audit-details';
import type { AuditEvent, AuditFilterInput } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/format';
import { LongText } from '../components/LongText';
import {
  actionLabels,
  anchorReportText,
  auditDeviceMessages,
  auditMessages as m,
  systemAgentName,
} from '../../../shared/messages';
import { checkPersonAndDays, type FilterField } from '../../../shared/list-filters';
import { SYSTEM_AGENT_ID } from '../../../shared/rules/export-retention';
import { ApiError, call } from '../api/client';
import { useSession } from '../session-store';
import { displayRut } from '../components/display';
import { saveCsv } from '../components/save-file';
import { TableScroll } from '../components/TableScroll';

const PAGE = 100;

type Filters = {
  rut: string;
  agentId: string;
  action: string;
  /** As typed: `dd-mm-aaaa`. */
  from: string;
  to: string;
  includeViews: boolean;
};
const EMPTY: Filters = { rut: '', agentId: '', action: '', from: '', to: '', includeViews: false };

type Field = FilterField;
type Checked =
  { ok: true; query: Required<AuditFilterInput> } | { ok: false; error: string; field: Field };

/** The filters as the API takes them, or what is wrong with them in the supervisor's words. */
function check(filters: Filters): Checked {
  const checked = checkPersonAndDays(filters);
  if (!checked.ok) return checked;
  return {
    ok: true,
    query: {
      personRut: checked.rut,
      agentId: filters.agentId || null,
      action: filters.action || null,
      from: checked.from,
      to: checked.to,
      includeViews: filters.includeViews,
    },
  };
}

const INITIAL_QUERY = {
  personRut: null,
  agentId: null,
  action: null,
  from: null,
  to: null,
  includeViews: EMPTY.includeViews,
};

/**
 * A short value (a phone, a date and time, a RUT) never breaks across lines; longer ones (an
 * e-mail, free text) may, so the table fits a 1024-pixel window.
 */
/**
 * One value of a change: a long one (a call's 2,000-character notes) shows its start and the
 * rest on demand, as Llamadas does; the CSV keeps it whole.
 */
function Value({ text }: { text: string }) {
  return (
    <LongText
      text={text}
      more={m.valueMore}
      less={m.valueLess}
      lines={4}
      chars={300}
      short={(whole) => (
        <span className={whole.length <= 20 ? 'audit-nowrap' : undefined}>{whole}</span>
      )}
    />
  );
}

function Changes({
  event,
  agentName,
}: {
  event: AuditEvent;
  agentName: (agentId: string) => string;
}) {
  const details = describeAuditChange(
    event.before,
    event.after,
    // An officer's view from his list of visits, who spoke at his visit: in his words.
    {
      agent: agentName,
      company: event.company,
      caller: event.caller,
      kind: event.agentKind,
      reason: event.reason,
    },
    event.action,
  );
  if (details.length === 0) return null;
  return (
    <ul className="audit-changes">
      {details.map((detail, index) => (
        <li key={index} className={detail.changed ? 'changed' : undefined}>
          {detail.label}:{' '}
          {detail.changed ? (
            <>
              <Value text={detail.before ?? ''} /> → <Value text={detail.after ?? ''} />
            </>
          ) : (
            <Value text={detail.after ?? detail.before ?? ''} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Supervisors: every action (and, if asked, every record view), filtered, exported, verified. */
export function AuditView() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  /** The filters the table on screen was loaded with: paging follows them. */
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [agents, setAgents] = useState<Array<{ agentId: string; displayName: string }>>([]);
  const [page, setPage] = useState<{ total: number; events: AuditEvent[] } | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<{ text: string; field?: Field; shown: number } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  // Each refusal is said again and takes the agent to the field at fault, even when it is the
  // same as the last one (a second «Exportar CSV» with the same bad date seemed to do nothing).
  useEffect(() => {
    if (error?.field) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  const [chain, setChain] = useState<{ text: string; anchor: string; sound: boolean } | null>(null);
  /** This desk's identity, to tell its own events from those recorded elsewhere. */
  const thisDevice = useSession((s) => s.sync?.deviceId ?? null);
  const notify = useSession((s) => s.notify);
  const centralConfigured = useSession((s) => s.sync?.configured ?? true);

  /** A failed query leaves no results from an earlier one on screen. */
  const fail = useCallback((text: string, field?: Field) => {
    setPage(null);
    setError((last) => ({ text, field, shown: (last?.shown ?? 0) + 1 }));
  }, []);
  const failed = useCallback(
    (failure: unknown) => fail(failure instanceof ApiError ? failure.message : m.failed),
    [fail],
  );

  const load = useCallback(
    async (next: Filters, at: number) => {
      const checked = check(next);
      if (!checked.ok) {
        fail(checked.error, checked.field);
        return;
      }
      setError(null);
      try {
        setPage(await call('audit.list', { ...checked.query, offset: at, limit: PAGE }));
        setOffset(at);
        setApplied(next);
      } catch (failure) {
        failed(failure);
      }
    },
    [fail, failed],
  );

  useEffect(() => {
    // The first page: actions only, no record views (EMPTY is always valid).
    call('audit.list', { ...INITIAL_QUERY, offset: 0, limit: PAGE })
      .then(setPage)
      .catch(failed);
    call('agents.list', {})
      .then(setAgents)
      .catch(() => setAgents([]));
  }, [failed]);

  const agentName = (id: string) =>
    agents.find((a) => a.agentId === id)?.displayName ??
    (id === SYSTEM_AGENT_ID ? systemAgentName : id);
  // Editing the field an error named takes the error away: it spoke of what was typed before.
  const set =
    (key: 'rut' | 'agentId' | 'action' | 'from' | 'to') =>
    (event: { target: { value: string } }) => {
      setFilters((current) => ({ ...current, [key]: event.target.value }));
      const date = (field: string) => field === 'from' || field === 'to';
      // The two dates are one question (from before to): either one answers it.
      if (error?.field && (error.field === key || (date(error.field) && date(key)))) {
        setError(null);
      }
    };

  /** An export or a verification that failed: the results on screen are still true. */
  const notDone = (failure: unknown) =>
    setError((last) => ({
      text: failure instanceof ApiError ? failure.message : m.failed,
      shown: (last?.shown ?? 0) + 1,
    }));

  /** Exports what the form says, and shows the same on screen, so file and table agree. */
  const exportCsv = async () => {
    const checked = check(filters);
    if (!checked.ok) {
      fail(checked.error, checked.field);
      return;
    }
    try {
      const file = await call('audit.export', { ...checked.query, format: 'spreadsheet' });
      saveCsv(file);
      notify(m.exportedCsv(file.filename, file.rows));
      await load(filters, 0);
    } catch (failure) {
      notDone(failure);
    }
  };

  const verify = async () => {
    try {
      const report = await call('audit.verify', {});
      setChain({
        text: report.ok
          ? m.chainOk(report.checked, formatDateTime(new Date().toISOString()))
          : m.chainBroken(report.firstBroken.seq, report.firstBroken.problem),
        // Audit chain anchoring (issue 10): the chain against the central API's anchors.
        anchor: anchorReportText(report.anchor, centralConfigured),
        sound: report.ok && report.anchor.state !== 'disagrees',
      });
    } catch (failure) {
      notDone(failure);
    }
  };

  const invalid = (field: Field) => (error?.field === field ? true : undefined);
  const described = (field: Field) => (error?.field === field ? 'audit-error' : undefined);

  return (
    <section className="page" aria-labelledby="audit-title">
      <h1 tabIndex={-1} id="audit-title">
        {m.title}
      </h1>
      <p className="muted">{m.scope}</p>
      <form
        ref={form}
        className="filters"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void load(filters, 0);
        }}
      >
        <label className="field inline">
          {m.rut}
          <input
            value={filters.rut}
            onChange={set('rut')}
            placeholder="12.345.678-5"
            aria-invalid={invalid('rut')}
            aria-describedby={described('rut')}
          />
        </label>
        <label className="field inline">
          {m.agent}
          <select value={filters.agentId} onChange={set('agentId')}>
            <option value="">{m.all}</option>
            {agents.map((a) => (
              <option key={a.agentId} value={a.agentId}>
                {a.displayName}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          {m.action}
          <select value={filters.action} onChange={set('action')}>
            <option value="">{m.allActions}</option>
            {Object.entries(actionLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <DateField
          label={m.from}
          className="audit-date"
          value={filters.from}
          onChange={set('from')}
          invalid={invalid('from')}
          describedBy={described('from')}
        />
        <DateField
          label={m.to}
          className="audit-date"
          value={filters.to}
          onChange={set('to')}
          invalid={invalid('to')}
          describedBy={described('to')}
        />
        <label className="check audit-views">
          <input
            type="checkbox"
            checked={filters.includeViews}
            onChange={(event) => {
              const next = { ...filters, includeViews: event.target.checked };
              setFilters(next);
              void load(next, 0);
            }}
          />
          {m.includeViews}
        </label>
        <div className="audit-buttons">
          <button type="submit">{m.filter}</button>
          <button type="button" onClick={() => void exportCsv()}>
            {m.exportCsv}
          </button>
          <button type="button" onClick={() => void verify()}>
            {m.verify}
          </button>
        </div>
      </form>
      {error && (
        <p key={error.shown} role="alert" id="audit-error" className="notice notice-danger">
          {error.text}
          {error.field && ` ${m.staleHidden}`}
        </p>
      )}
      {chain && (
        <div
          role={chain.sound ? 'status' : 'alert'}
          className={chain.sound ? 'notice' : 'notice notice-danger'}
        >
          <p>{chain.text}</p>
          <p>{chain.anchor}</p>
        </div>
      )}
      {page && (
        <>
          <p className="muted" aria-live="polite">
            {m.count(page.total)}
            {!applied.includeViews && !applied.action && ` (${m.viewsHidden})`}
            {page.total > PAGE && ` · ${m.range(offset + 1, Math.min(offset + PAGE, page.total))}`}
          </p>
          {page.events.length === 0 ? (
            <p className="notice empty">{m.noEvents}</p>
          ) : (
            <TableScroll label={m.caption}>
              <table className="audit-table">
                <caption className="visually-hidden">{m.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.columns.seq}</th>
                    <th scope="col">{m.columns.at}</th>
                    <th scope="col">{m.columns.agent}</th>
                    <th scope="col">{m.columns.person}</th>
                    <th scope="col">{m.columns.action}</th>
                    <th scope="col">{m.columns.changes}</th>
                    <th scope="col">{m.columns.reason}</th>
                    <th scope="col">{m.columns.identity}</th>
                    <th scope="col">{auditDeviceMessages.column}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.events.map((event) => (
                    <tr key={event.seq}>
                      <td>{event.seq}</td>
                      <td>
                        <WholeDates text={formatDateTime(event.at)} />
                      </td>
                      <td>{agentName(event.agentId)}</td>
                      <td>
                        {event.personRut === null ? (
                          m.empty
                        ) : (
                          <>
                            {event.personName && (
                              <span className="audit-person">{event.personName}</span>
                            )}
                            <span className="rut audit-nowrap">{displayRut(event.personRut)}</span>
                          </>
                        )}
                      </td>
                      <td>{actionText(event.action, event.agentKind)}</td>
                      <td>
                        <Changes event={event} agentName={agentName} />
                      </td>
                      <td className="audit-free-text">{event.reason ?? ''}</td>
                      <td>{identityColumnText(event.identityCheck, event.after)}</td>
                      <td
                        className="audit-device"
                        title={auditDeviceMessages.title(event.deviceId)}
                      >
                        {deviceText(event.deviceId, thisDevice)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <Pager
            label={m.pager}
            offset={offset}
            size={PAGE}
            total={page.total}
            onTurn={(to) => void load(applied, to)}
          />
        </>
      )}
    </section>
  );
}
