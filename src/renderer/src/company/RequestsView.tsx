import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccessRequestView } from '../../../shared/contract';
import { formatAge, formatDate } from '../../../shared/format';
import {
  columnTitles,
  companyMessages as t,
  failedMessages,
  requestCapacityLabels,
  requestStateLabels,
} from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { displayRut } from '../components/display';
import { useSession } from '../session-store';
import { RegisterCheckCell, RequestState } from './CompanyPane';
import { openCompanyFromList } from '../components/open-record';
import { ErrorNotice } from '../components/ErrorNotice';
import { TableScroll } from '../components/TableScroll';

type StateFilter = AccessRequestView['state'] | 'all';

/** Requests asked for at a time; «Cargar más» asks for the next ones. */
const PAGE = 100;

type Listing = { requests: AccessRequestView[]; hasMore: boolean };

const keyOf = (r: AccessRequestView) => `${r.companyRut}-${r.requester.rut}-${r.requestedAt}`;

/** Every Portal Empresas request, newest first; a row opens its company to decide it. */
export function RequestsView() {
  const [state, setState] = useState<StateFilter>('pending');
  const [listing, setListing] = useState<Listing | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const incomplete = useSession((s) => s.sync?.replicaIncomplete ?? false);
  const asked = useRef(0);
  const rowsRef = useRef<HTMLTableSectionElement>(null);

  /** The page after `shown` rows (0: the first), added to what is listed; the caller says busy. */
  const load = useCallback((filter: StateFilter, shown: AccessRequestView[]) => {
    const seq = ++asked.current;
    call('requests.list', {
      state: filter === 'all' ? null : filter,
      offset: shown.length,
      limit: PAGE,
    }).then(
      (page) => {
        if (seq !== asked.current) return;
        // The list moves under the pages (a request decided or added meanwhile): a request
        // already listed is not listed twice.
        const listed = new Set(shown.map(keyOf));
        const fresh = page.requests.filter((r) => !listed.has(keyOf(r)));
        setListing({ requests: [...shown, ...fresh], hasMore: page.hasMore });
        // «Cargar más» was pressed: the focus goes to the first request it brought (the button
        // is gone once the list ends).
        if (shown.length > 0) {
          requestAnimationFrame(() => {
            const first = rowsRef.current?.querySelectorAll('tr').item(shown.length);
            first?.querySelector<HTMLElement>('button')?.focus();
          });
        }
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (seq !== asked.current) return;
        setError(failure instanceof ApiError ? failure.message : failedMessages.list);
        setLoading(false);
      },
    );
  }, []);

  useEffect(() => load(state, []), [load, state]);

  const requests = listing?.requests ?? null;
  return (
    <section className="page" aria-labelledby="requests-title" aria-busy={loading}>
      <h1 tabIndex={-1} id="requests-title">
        {t.requestsTitle}
      </h1>
      <p className="muted">{t.requestsHowToDecide}</p>
      <label className="field inline">
        <span className="field-label">{t.requestsFilter}</span>
        <select
          value={state}
          onChange={(event) => {
            setListing(null);
            setLoading(true);
            setState(event.target.value as StateFilter);
          }}
        >
          <option value="pending">{requestStateLabels.pending}</option>
          <option value="approved">{requestStateLabels.approved}</option>
          <option value="rejected">{requestStateLabels.rejected}</option>
          <option value="all">{t.requestsAll}</option>
        </select>
      </label>
      {incomplete && <p className="notice notice-warn">{t.requestsIncomplete}</p>}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {requests === null && loading && <p className="muted">{t.requestsLoading}</p>}
      {requests && requests.length === 0 && <p className="muted">{t.requestsNone}</p>}
      {requests && requests.length > 0 && (
        <TableScroll label={t.requestsTitle}>
          <table>
            <thead>
              <tr>
                <th scope="col">{columnTitles.date}</th>
                <th scope="col">{columnTitles.company}</th>
                <th scope="col">{columnTitles.requester}</th>
                <th scope="col">{columnTitles.declares}</th>
                <th scope="col">{columnTitles.companyRegister}</th>
                <th scope="col">{columnTitles.state}</th>
              </tr>
            </thead>
            <tbody ref={rowsRef}>
              {requests.map((r) => (
                <tr key={keyOf(r)}>
                  <td className="nowrap">
                    {formatDate(r.requestedAt)}
                    {/* How long it waits: one pending for years reads as old at a glance. */}
                    {r.state === 'pending' && (
                      <span className="muted small"> · {formatAge(r.requestedAt)}</span>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={t.openOf(r.companyName)}
                      onClick={() => openCompanyFromList(r.companyRut)}
                    >
                      {r.companyName}
                    </button>
                  </td>
                  <td>
                    {r.requester.name ?? ''}
                    <span className="rut small">{displayRut(r.requester.rut)}</span>
                  </td>
                  <td>{requestCapacityLabels[r.capacity]}</td>
                  <RegisterCheckCell check={r.check} pending={r.state === 'pending'} />
                  <td>
                    <RequestState request={r} dated />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {listing?.hasMore && (
        <p>
          <span className="muted">{t.requestsShown(listing.requests.length)}</span>{' '}
          <button
            type="button"
            disabled={loading}
            onClick={() => {
              setLoading(true);
              load(state, listing.requests);
            }}
          >
            {t.requestsMore}
          </button>
        </p>
      )}
    </section>
  );
}
