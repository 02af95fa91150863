import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, forwardRef, useEffect, useId, useRef, type ReactNode } from 'react';
import type { AccessRequestView, CompanyRecord, Decision } from '../../../shared/contract';
import { formatDate } from '../../../shared/format';
import {
  adminKindLabels,
  columnTitles,
  companyMessages as t,
  deniedMessages,
  modulesText,
  portalLabels,
  standingText,
  requestCapacityLabels,
  roleText,
  signatoryKindLabels,
} from '../../../shared/messages';
import { GuardedButton } from '../components/GuardedButton';
import { WholeDates } from '../components/WholeDates';
import { TrailingTag } from '../components/Tag';
import { displayRut, nameOr } from '../components/display';
import { MembershipSummary } from './MembershipSummary';
import { useSession } from '../session-store';
import { useApp } from '../store';
import { SelectableUserList } from '../selection/SelectableUserList';
import { mayBulkLoad } from '../../../shared/policy';
import { bulkMessages } from '../../../shared/messages';
import { useBulk } from '../bulk/bulk-store';
import { COMPANY_REQUESTS_HEADING, useCompany, type CompanyDialog } from './company-store';
import { isOnEmpresas } from '../../../shared/rules/company-modules';
import {
  companyChangeWaits,
  profileStanding,
  type ChangeWait,
} from '../../../shared/rules/company-access';
import {
  COMPANY_USER_CHANGES,
  accessChangesFor,
  type CompanyUserChange,
} from '../../../shared/rules/membership-transitions';
import { readRut } from '../../../shared/rut';
import { standingClass } from './MembershipSummary';
import { CompanyOfficers } from '../officers/CompanyOfficers';
import { ErrorNotice } from '../components/ErrorNotice';
import { useIsAgentPerson } from '../components/agent-person';
import { TableScroll } from '../components/TableScroll';
import { waitingSignatory } from './waiting-signatory';

/** The open company's heading: what its pane is described by. */
const COMPANY_TITLE_ID = 'company-title';

const USER_ROW = 44;

const why = (decision: Decision) => (decision.allowed ? null : deniedMessages[decision.reason]);

/**
 * A person the company's tables name, as a link to her record (Esc comes back to the company);
 * one the replica does not hold says so (her RUT is beside it in every table).
 */
function PersonLink({ person }: { person: { rut: string; name: string | null } }) {
  const openPerson = useApp((s) => s.openPerson);
  if (person.name === null) return <span className="muted">{t.nameNotHere}</span>;
  return (
    <button
      type="button"
      className="link"
      aria-label={t.openPersonOf(person.name)}
      onClick={() => openPerson(person.rut, 'company')}
    >
      {person.name}
    </button>
  );
}

/** The company record (issue 7): Esc (handled by the app) goes back to the results. */
export const CompanyPane = forwardRef<HTMLElement>(function CompanyPane(_props, ref) {
  const company = useCompany((s) => s.company);
  const loading = useCompany((s) => s.loading);
  const error = useCompany((s) => s.error);
  return (
    // Described by its heading, as the person's record: the company's name where the agent landed.
    <section
      ref={ref}
      className="record company"
      aria-label={t.region}
      aria-describedby={company ? COMPANY_TITLE_ID : undefined}
      tabIndex={-1}
    >
      {loading && !company && (
        <div className="progress" role="progressbar" aria-label={t.loading} />
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {company && <CompanyContent company={company} />}
    </section>
  );
});

function CompanyContent({ company }: { company: CompanyRecord }) {
  // Supervisors select many of its people to act on them (issue 8).
  const multi = useSession((s) => s.session?.role === 'supervisor');
  const centralConfigured = useSession((s) => s.sync?.configured === true);
  const officer = useSession((s) => s.session?.role === 'prevention');
  // The agent's own row (an officer who administers the company) is said to them as «usted».
  const isMe = useIsAgentPerson();
  const openDialog = useCompany((s) => s.openDialog);
  const scopeTo = useApp((s) => s.scopeTo);
  // Portal Empresas is Los Héroes': requests, the TRF and the agreement exist only there.
  const empresas = isOnEmpresas(company.portals);
  const manage = why(company.can.manageUsers);
  const requests = why(company.can.manageRequests);
  // Who the page lists as able to ask, for companyChangeWaits (by RUT body, as the rule reads).
  const listedCallers = company.callers.map((c) => ({
    personRut: readRut(c.person.rut)?.body ?? -1,
    cannotAsk: c.cannotAsk,
  }));
  // The ids of the reasons a row's buttons share: unique on the page.
  const rowId = useId();
  // Rules 9, 12, 13: when nobody the page lists may ask now, every change of its users (and
  // «Agregar usuario») waits, with why said once above them, not in a dialog nobody can complete.
  const nobodyAsks = company.callers.some((c) => c.cannotAsk === null)
    ? null
    : company.callers.length === 0
      ? t.dialog.noCallers(company.adherent, waitingSignatory(company))
      : t.nobodyCanAsk(
          company.callers.map((c) =>
            t.dialog.cannotAsk(isMe(c.person.rut) ? null : nameOr(c.person), c.cannotAsk!),
          ),
        );
  const nobodyId = `${rowId}-nobody`;
  const addReason = manage ?? (company.adherent ? null : t.notAdherent(null)) ?? nobodyAsks;
  // A row's button says whom it acts on to whoever reaches it with Tab (GuardedButton `about`);
  // `reasonShownAt`: why it waits, said once for the buttons of a row that wait for it.
  const button = (
    label: string,
    dialog: CompanyDialog,
    reason: string | null,
    reasonShownAt?: string,
  ) => (
    <GuardedButton
      className="small-button"
      reason={reason}
      reasonShownAt={reason === null ? undefined : reasonShownAt}
      about={
        'userName' in dialog
          ? dialog.userName
          : 'requesterName' in dialog
            ? dialog.requesterName
            : null
      }
      onClick={() => openDialog(dialog)}
    >
      {label}
    </GuardedButton>
  );

  return (
    <>
      <header className="record-header">
        <h1 id={COMPANY_TITLE_ID}>{company.legalName}</h1>
        <p className="rut big">{displayRut(company.rut)}</p>
        <ul className="badges" aria-label={t.badges}>
          <li className={company.adherent ? 'badge badge-ok' : 'badge badge-danger'}>
            {company.adherent
              ? t.adherent(company.adherentSince ? formatDate(company.adherentSince) : null)
              : t.notAdherent(company.adherentUntil ? formatDate(company.adherentUntil) : null)}
          </li>
          {company.portals.map((portal) => (
            <li key={portal} className="badge">
              {portalLabels[portal as keyof typeof portalLabels] ?? portal}
            </li>
          ))}
        </ul>
        <p className="muted">
          {t.counts(
            company.counts.active,
            company.counts.users,
            company.counts.admins,
            company.counts.pendingSignature,
            company.adherent,
          )}
          {officer && ` · ${t.countsOfficer}`}
        </p>
        <button
          type="button"
          className="small-button"
          onClick={() => {
            scopeTo({
              rut: company.rut,
              legalName: company.legalName,
              adherent: company.adherent,
              memberCount: company.counts.users,
            });
            // What the agent types next filters the company's people: the box takes the focus
            // (its button went with the page).
            requestAnimationFrame(() =>
              document
                .querySelector<HTMLInputElement>('input[role="combobox"][aria-controls="results"]')
                ?.focus(),
            );
          }}
        >
          {t.searchPeople}
        </button>
        <LoadFileButton rut={company.rut} />
      </header>

      <h2>{empresas ? t.register : t.registerOther}</h2>
      {company.signatories.length === 0 ? (
        <p className="muted">{empresas ? t.registerEmpty : t.registerOtherEmpty}</p>
      ) : (
        <TableScroll label={empresas ? t.register : t.registerOther}>
          <table>
            <thead>
              <tr>
                <th scope="col">{columnTitles.person}</th>
                <th scope="col">{columnTitles.rut}</th>
                <th scope="col">{columnTitles.quality}</th>
              </tr>
            </thead>
            <tbody>
              {company.signatories.map((s) => (
                <tr key={`${s.person.rut}-${s.kind}`}>
                  <th scope="row">
                    <PersonLink person={s.person} />
                  </th>
                  <td className="rut nowrap">{displayRut(s.person.rut)}</td>
                  <td>{signatoryKindLabels[s.kind]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <div className="section-head">
        <h2>{t.profiles}</h2>
        {button(
          t.addUser,
          { kind: 'add' },
          addReason,
          addReason === nobodyAsks ? nobodyId : undefined,
        )}
      </div>
      {manage === null && nobodyAsks !== null && (
        <p id={nobodyId} className="notice notice-warn">
          {nobodyAsks}
        </p>
      )}
      {company.profiles.length === 0 ? (
        <p className="muted">{t.profilesEmpty}</p>
      ) : (
        <TableScroll label={t.profiles}>
          <table>
            <thead>
              <tr>
                <th scope="col">{columnTitles.person}</th>
                <th scope="col">{columnTitles.profile}</th>
                <th scope="col">{columnTitles.state}</th>
                {empresas && <th scope="col">{columnTitles.agreement}</th>}
                <th scope="col">{columnTitles.modules}</th>
                <th scope="col">{columnTitles.actions}</th>
              </tr>
            </thead>
            <tbody>
              {company.profiles.map((p) => {
                const name = nameOr(p.person);
                const standing = profileStanding(p, p.needsAgreement);
                // Why a change of this row can be asked by nobody now (companyChangeWaits): the
                // button waits, said beside it, rather than open a dialog nobody can complete.
                const user = {
                  personRut: readRut(p.person.rut)?.body ?? -1,
                  legalRepresentative: p.legalRepresentative,
                };
                const changes = accessChangesFor({ onEmpresas: empresas }, p);
                const waitFor = (change: 'takes' | 'gives_back' | 'modules') =>
                  companyChangeWaits(user, change, company, listedCallers);
                const takeAway = why(p.can.takeAway);
                const takesWait =
                  takeAway === null && changes.some((c) => COMPANY_USER_CHANGES[c].to !== 'active')
                    ? waitFor('takes')
                    : null;
                const modulesWait = p.state !== 'removed' ? waitFor('modules') : null;
                // His access and his modules waiting for him alike: one sentence says both.
                const both = takesWait !== null && modulesWait !== null;
                const waits = (
                  wait: ChangeWait | null,
                  what: 'access' | 'modules',
                ): string | null =>
                  wait === null
                    ? null
                    : wait.why === 'company_not_adherent'
                      ? deniedMessages.company_not_adherent
                      : t.representativeWaits(
                          isMe(p.person.rut) ? null : name,
                          both ? 'both' : what,
                          wait.reason,
                        );
                // Each reason said once in the row, however many of its buttons wait for it.
                const reasons: string[] = [];
                const shownAt = (reason: string | null): string | undefined => {
                  if (reason === null) return undefined;
                  if (reason === nobodyAsks) return nobodyId;
                  if (!reasons.includes(reason)) reasons.push(reason);
                  return `${rowId}-${readRut(p.person.rut)?.body}-why-${reasons.indexOf(reason)}`;
                };
                const changeReason = (change: CompanyUserChange) =>
                  manage ??
                  (COMPANY_USER_CHANGES[change].to === 'active'
                    ? waits(waitFor('gives_back'), 'access')
                    : // A legal representative's access: only at his own request (rules 9, 12).
                      (takeAway ?? waits(takesWait, 'access'))) ??
                  nobodyAsks;
                const modulesReason = manage ?? waits(modulesWait, 'modules') ?? nobodyAsks;
                // The row's reasons, in its buttons' order, known before the row is drawn.
                for (const change of changes) shownAt(changeReason(change));
                if (p.state !== 'removed') shownAt(modulesReason);
                return (
                  <Fragment key={p.person.rut}>
                    <tr className={reasons.length > 0 ? 'has-reasons' : undefined}>
                      <th scope="row">
                        <PersonLink person={p.person} />
                        <span className="rut small">{displayRut(p.person.rut)}</span>
                      </th>
                      <td>
                        {roleText(p.role, standing)}
                        {p.adminKind && (
                          <span className="small muted"> · {adminKindLabels[p.adminKind]}</span>
                        )}
                        {p.appointedBy && (
                          // «Por designación del representante legal (Ricardo …)»: who, by name.
                          <span className="small muted"> ({nameOr(p.appointedBy)})</span>
                        )}
                        {p.external && <TrailingTag>{t.external}</TrailingTag>}
                      </td>
                      <td className={standingClass(standing, company.adherent)}>
                        {standingText(standing, company.adherent)}
                      </td>
                      {empresas && (
                        <td className={p.needsAgreement && !p.agreementSigned ? 'warn-text' : ''}>
                          <WholeDates
                            text={
                              !p.needsAgreement
                                ? t.agreement.notNeeded
                                : p.agreementSigned
                                  ? t.agreement.signed(
                                      p.agreementSignedAt ? formatDate(p.agreementSignedAt) : '—',
                                    )
                                  : t.agreement.pending(
                                      p.agreementSentAt ? formatDate(p.agreementSentAt) : null,
                                    )
                            }
                          />
                        </td>
                      )}
                      <td>{modulesText(p)}</td>
                      <td className="actions">
                        {/* The portal's own words: pause and delete, or «Inhabilitado» and back. */}
                        {changes.map((change) => (
                          <Fragment key={change}>
                            {button(
                              t[change],
                              { kind: change, userRut: p.person.rut, userName: name },
                              changeReason(change),
                              shownAt(changeReason(change)),
                            )}
                          </Fragment>
                        ))}
                        {p.state !== 'removed' &&
                          button(
                            t.modules,
                            {
                              kind: 'modules',
                              userRut: p.person.rut,
                              userName: name,
                              modules: p.modules,
                            },
                            modulesReason,
                            shownAt(modulesReason),
                          )}
                      </td>
                    </tr>
                    {/* Why its buttons wait, under the whole row: in the actions column alone it
                    stood a paragraph a word wide (370 px tall at 1024 px). */}
                    {reasons.length > 0 && (
                      <tr className="row-reasons">
                        <td colSpan={empresas ? 6 : 5}>
                          {reasons.map((reason, index) => (
                            <p
                              key={reason}
                              id={`${rowId}-${readRut(p.person.rut)?.body}-why-${index}`}
                              className="disabled-reason"
                            >
                              {reason}
                            </p>
                          ))}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}

      {(empresas || company.requests.length > 0) && (
        <CompanyRequests company={company} button={button} requests={requests} officer={officer} />
      )}

      {/* Issue 11: a supervisor gives the company to a prevention officer, or takes it. */}
      {multi && centralConfigured && (
        <CompanyOfficers key={company.rut} companyRut={company.rut} company={company.legalName} />
      )}

      <h2 id="company-users-title">{t.users}</h2>
      {multi ? (
        <SelectableUserList company={company} />
      ) : (
        <UserList companyAdherent={company.adherent} />
      )}
    </>
  );
}

/** The company's Portal Empresas requests (rule 12), each pending one with its decision. */
function CompanyRequests({
  company,
  button,
  requests,
  officer,
}: {
  company: CompanyRecord;
  button: (label: string, dialog: CompanyDialog, reason: string | null) => ReactNode;
  requests: string | null;
  /** A prevention officer: his laptop has only his companies' people's requests. */
  officer: boolean;
}) {
  return (
    <>
      <div className="section-head">
        <h2 id={COMPANY_REQUESTS_HEADING} tabIndex={-1}>
          {t.requests}
        </h2>
        {button(t.recordRequest, { kind: 'record' }, requests)}
      </div>
      {officer && <p className="muted small">{t.requestsOfficer}</p>}
      {company.requests.length === 0 ? (
        <p className="muted">{t.requestsEmpty}</p>
      ) : (
        <TableScroll label={t.requests}>
          <table>
            <thead>
              <tr>
                <th scope="col">{columnTitles.requester}</th>
                <th scope="col">{columnTitles.declares}</th>
                <th scope="col">{columnTitles.companyRegister}</th>
                <th scope="col">{columnTitles.state}</th>
                <th scope="col">{columnTitles.actions}</th>
              </tr>
            </thead>
            <tbody>
              {company.requests.map((r) => {
                const name = nameOr(r.requester);
                return (
                  <tr key={`${r.requester.rut}-${r.requestedAt}`}>
                    <th scope="row">
                      <PersonLink person={r.requester} />
                      <span className="rut small">{displayRut(r.requester.rut)}</span>
                    </th>
                    <td>{requestCapacityLabels[r.capacity]}</td>
                    <RegisterCheckCell check={r.check} pending={r.state === 'pending'} />
                    <td>
                      <RequestState request={r} />
                    </td>
                    <td className="actions">
                      {r.state === 'pending' && (
                        <>
                          {button(
                            t.approve,
                            { kind: 'approve', requesterRut: r.requester.rut, requesterName: name },
                            requests ?? (r.check.ok ? null : t.cannotApprove[r.check.reason]),
                          )}
                          {button(
                            t.reject,
                            {
                              kind: 'reject',
                              requesterRut: r.requester.rut,
                              requesterName: name,
                              // The register already says why: the reason is written for her.
                              ...(r.check.ok
                                ? {}
                                : { reason: t.dialog.rejectReasonFor[r.check.reason] }),
                            },
                            requests,
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

/**
 * A request's state with its date, its rejection reason, and an approval's agreement; `dated`:
 * the date it was made is in a column of its own beside it.
 */
export function RequestState({
  request: r,
  dated = false,
}: {
  request: AccessRequestView;
  dated?: boolean;
}) {
  return (
    <>
      <WholeDates
        text={t.requestState(
          r.state,
          dated ? null : formatDate(r.requestedAt),
          r.decidedAt ? formatDate(r.decidedAt) : null,
          r.agreementSigned,
        )}
      />
      {r.reason && <span className="small muted"> · {r.reason}</span>}
    </>
  );
}

/**
 * What the company's register says of a requester (rule 12), as one table cell: an
 * instruction while the request waits, a fact once it is decided.
 */
export function RegisterCheckCell({
  check,
  pending,
}: {
  check: AccessRequestView['check'];
  pending: boolean;
}) {
  return (
    <td className={check.ok ? 'ok-text' : pending ? 'danger-text' : ''}>
      {check.ok ? t.check[check.as] : (pending ? t.check : t.checkDecided)[check.reason]}
    </td>
  );
}

/** Every person of the company, paged by RUT and virtualized: a company may have 50,000. */
function UserList({ companyAdherent }: { companyAdherent: boolean }) {
  const users = useCompany((s) => s.users);
  const nextAfter = useCompany((s) => s.nextAfter);
  const loadingUsers = useCompany((s) => s.loadingUsers);
  const loadMore = useCompany((s) => s.loadMoreUsers);
  const openPerson = useApp((s) => s.openPerson);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: users.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => USER_ROW,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (last && nextAfter !== null && !loadingUsers && last.index >= users.length - 20) {
      void loadMore();
    }
  }, [last, nextAfter, loadingUsers, users.length, loadMore]);
  if (users.length === 0) return <p className="muted">{t.usersEmpty}</p>;
  return (
    <div className="company-users" ref={scrollRef} tabIndex={0} role="region" aria-label={t.users}>
      <ul style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const user = users[item.index]!;
          return (
            // Measured, not fixed: at 1024 px a row's summary wraps to a second line rather than
            // cut the date that tells two rows apart.
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <button
                type="button"
                className="link"
                onClick={() => openPerson(user.person.rut, 'company')}
              >
                {nameOr(user.person)}
              </button>
              <span className="rut small-inline">{displayRut(user.person.rut)}</span>
              <MembershipSummary user={user} companyAdherent={companyAdherent} />
            </li>
          );
        })}
      </ul>
      {nextAfter !== null && (
        <button type="button" className="small-button" onClick={() => void loadMore()}>
          {t.loadMore}
        </button>
      )}
    </div>
  );
}

/** Bulk loads (issue 8): a supervisor loads this company's file from its record. */
function LoadFileButton({ rut }: { rut: string }) {
  const role = useSession((s) => s.session?.role);
  if (!role || !mayBulkLoad(role)) return null;
  return (
    <button
      type="button"
      className="small-button"
      onClick={() => {
        useBulk.getState().setCompanyRut(displayRut(rut));
        useBulk.getState().show({ kind: 'home' });
        useSession.getState().show('bulk');
      }}
    >
      {bulkMessages.openFromCompany}
    </button>
  );
}
