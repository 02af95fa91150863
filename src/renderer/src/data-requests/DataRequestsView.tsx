import { useEffect, useId, useState } from 'react';
import type { DataRequestView } from '../../../shared/contract';
import { formatDate, formatDay, santiagoDate } from '../../../shared/format';
import { dataRequestLabels as labels, dataRequestMessages as t } from '../../../shared/messages';
import {
  closedLate,
  DATA_REQUEST_STATES,
  DATA_RIGHTS,
  type DataRequestState,
  type DataRight,
} from '../../../shared/rules/data-requests';
import { ApiError, call } from '../api/client';
import { displayRut } from '../components/display';
import { TrailingTag } from '../components/Tag';
import { useSession } from '../session-store';
import { openRecordFromList } from '../components/open-record';
import { useDataRequests } from './data-request-store';
import { ErrorNotice } from '../components/ErrorNotice';
import { RegisterRequestForm } from './RegisterRequestForm';
import { TableScroll } from '../components/TableScroll';

const SOON_BUSINESS_DAYS = 2;

/**
 * The due date with what it means today: overdue, due soon (flagged), in time, closed. The rule
 * (calendar or business days, moved off non-business days) is visible text, not only a tooltip.
 */
export function DeadlineCell({ request }: { request: DataRequestView }) {
  const id = useId();
  const moved =
    request.dueMovedOver.length > 0
      ? t.movedOver(formatDay(request.dueCounted), request.dueMovedOver, formatDay(request.dueDate))
      : null;
  const tone =
    request.deadline === 'overdue'
      ? 'badge badge-danger'
      : request.deadline === 'due_soon'
        ? 'badge badge-warn'
        : request.deadline === 'later'
          ? 'badge badge-ok'
          : 'badge';
  return (
    <span
      title={`${t.deadlineRule}${moved ? ` ${moved}` : ''}`}
      aria-describedby={moved ? id : undefined}
    >
      <span className="nowrap">{formatDay(request.dueDate)}</span>{' '}
      <span className={tone}>{labels.deadline[request.deadline]}</span>
      {request.businessDaysLeft !== null && request.calendarDaysLeft !== null && (
        <span className="small muted">
          {' '}
          ·{' '}
          {request.right === 'blocking'
            ? t.daysLeft(request.businessDaysLeft, true)
            : t.daysLeft(request.calendarDaysLeft, false)}
        </span>
      )}
      {request.deadline === 'closed' && request.closedAt && (
        <span className="small muted">
          {' '}
          ·{' '}
          {t.closedOn(
            labels.states[request.state],
            formatDate(request.closedAt),
            closedLate(request.right, request.dueDate, santiagoDate(new Date(request.closedAt))),
            request.right === 'blocking',
          )}
        </span>
      )}
      {moved && (
        <span id={id} className="small muted">
          {' '}
          · {moved}
        </span>
      )}
    </span>
  );
}

/** Supervisor (all) or agent (own): requests ordered by deadline, open ones first. */
export function DataRequestsView() {
  const session = useSession((s) => s.session)!;
  const changes = useDataRequests((s) => s.changes);
  const openDetail = useDataRequests((s) => s.openDetail);
  const [state, setState] = useState<DataRequestState | 'all'>('all');
  const [right, setRight] = useState<DataRight | 'all'>('all');
  const [requests, setRequests] = useState<DataRequestView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = { state: useId(), right: useId(), title: useId(), rule: useId() };

  useEffect(() => {
    let current = true;
    call('dataRequests.list', {
      state: state === 'all' ? null : state,
      right: right === 'all' ? null : right,
      soonBusinessDays: SOON_BUSINESS_DAYS,
      limit: 200,
    }).then(
      (page) => {
        if (!current) return;
        setRequests(page.requests);
        setError(null);
      },
      (failure: unknown) =>
        current && setError(failure instanceof ApiError ? failure.message : t.empty),
    );
    return () => {
      current = false;
    };
  }, [state, right, changes]);

  const overdue = requests?.filter((r) => r.deadline === 'overdue').length ?? 0;
  const soon = requests?.filter((r) => r.deadline === 'due_soon').length ?? 0;
  const supervisor = session.role === 'supervisor';
  return (
    <section className="page" aria-labelledby={ids.title}>
      <h1 tabIndex={-1} id={ids.title}>
        {t.listTitle}
      </h1>
      <RegisterRequestForm />
      <p className="muted">{supervisor ? t.listIntroSupervisor : t.listIntroAgent}</p>
      <div className="filters">
        <label className="field inline" htmlFor={ids.state}>
          <span className="field-label">{t.filterState}</span>
          <select
            id={ids.state}
            value={state}
            onChange={(event) => setState(event.target.value as DataRequestState | 'all')}
          >
            <option value="all">{t.filterAll}</option>
            {DATA_REQUEST_STATES.map((value) => (
              <option key={value} value={value}>
                {labels.states[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline" htmlFor={ids.right}>
          <span className="field-label">{t.filterRight}</span>
          <select
            id={ids.right}
            value={right}
            onChange={(event) => setRight(event.target.value as DataRight | 'all')}
          >
            <option value="all">{t.filterAll}</option>
            {DATA_RIGHTS.map((value) => (
              <option key={value} value={value}>
                {labels.rights[value]}
              </option>
            ))}
          </select>
        </label>
        {requests && (overdue > 0 || soon > 0) && (
          <p className="small">
            {overdue > 0 && <span className="badge badge-danger">{t.overdueCount(overdue)}</span>}{' '}
            {soon > 0 && <span className="badge badge-warn">{t.soonCount(soon)}</span>}
          </p>
        )}
      </div>
      <p id={ids.rule} className="muted small">
        {t.deadlineRule}
      </p>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {!requests && !error && (
        <div className="progress thin" role="progressbar" aria-label={t.loading} />
      )}
      {requests && requests.length === 0 && (
        <p className="muted">
          {state !== 'all' || right !== 'all' ? t.empty : supervisor ? t.noneYet : t.noneYetAgent}
        </p>
      )}
      {requests && requests.length > 0 && (
        <TableScroll label={t.listTitle}>
          <table className="calls-table">
            <thead>
              <tr>
                <th scope="col">{t.columns.number}</th>
                <th scope="col">{t.columns.person}</th>
                <th scope="col">{t.columns.right}</th>
                <th scope="col">{t.columns.state}</th>
                <th scope="col">{t.columns.received}</th>
                <th scope="col">{t.columns.due}</th>
                {supervisor && <th scope="col">{t.columns.agent}</th>}
                <th scope="col">{t.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.number} data-deadline={request.deadline}>
                  <th scope="row" className="nowrap">
                    {request.number}
                  </th>
                  <td>
                    {request.personName && !request.withoutRecord ? (
                      <button
                        type="button"
                        className="link"
                        aria-label={t.openPerson(request.personName)}
                        onClick={() => openRecordFromList(request.personRut, 'data_requests')}
                      >
                        {request.personName}
                      </button>
                    ) : (
                      // Someone the system holds nothing of: the name they gave, no record to open.
                      request.personName && <span>{request.personName} </span>
                    )}
                    <span className="rut small">{displayRut(request.personRut)}</span>
                    {request.withoutRecord && <TrailingTag>{t.withoutRecord.tag}</TrailingTag>}
                  </td>
                  <td>
                    {labels.rights[request.right]}
                    {request.blocked && <TrailingTag>{t.blockedTag}</TrailingTag>}
                  </td>
                  <td>{labels.states[request.state]}</td>
                  <td className="nowrap">{formatDate(request.receivedAt)}</td>
                  <td>
                    <DeadlineCell request={request} />
                  </td>
                  {supervisor && <td>{request.agentName ?? request.agentId}</td>}
                  <td>
                    <button
                      type="button"
                      className="small-button"
                      aria-label={`${t.open} ${request.number}`}
                      onClick={() => openDetail(request.number)}
                    >
                      {t.open}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
