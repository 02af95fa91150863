import { LongText } from '../components/LongText';
import { forwardRef, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Decision, PersonRecord } from '../../../shared/contract';
import { formatDate, formatDateTime, formatLasted } from '../../../shared/format';
import {
  actionDialogTexts,
  actionLabels,
  callActionText,
  deniedMessages,
  heldMessages,
  interactionKindWords,
  interactionListWords,
  interactionOutcomeLabels,
  followUpMessages,
  interactionReasonLabels,
  listNoun,
  mailKindLabels,
  mailOutcomeLabels,
  standingText,
  recordMessages,
  adminKindLabels,
  companyMessages,
  loginLabels,
  modulesText,
  portalLabels,
  registrationStateLabels,
  roleText,
  privacyMessages,
  syncMessages,
} from '../../../shared/messages';
import { formatPhone } from '../../../shared/phone';
import { readRut } from '../../../shared/rut';
import { interactionKindOf } from '../../../shared/rules/interaction-kind';
import { holdsAccess } from '../../../shared/rules/access';
import { seesAllInteractions } from '../../../shared/policy';
import { useInteractionWords } from '../components/interaction-words';
import {
  clearBlockSpec,
  editContactSpec,
  mailCooldownReason,
  openCompanyUserChange,
  mailButtonLabel,
  resendSpec,
  openProfileChange,
  unlockSpec,
} from '../actions';
import { call } from '../api/client';
import { useSession, type DialogSpec } from '../session-store';
import { useApp } from '../store';
import { useCompany } from '../company/company-store';
import { standingClass } from '../company/MembershipSummary';
import { profileStanding, representativeWaitOf } from '../../../shared/rules/company-access';
import { Badges } from './Badges';
import { DiagnosisPanel } from './DiagnosisPanel';
import { useIsAgentPerson } from '../components/agent-person';
import { GuardedButton } from '../components/GuardedButton';
import { TrailingTag } from '../components/Tag';
import { WholeDates } from '../components/WholeDates';
import { IncompleteDataNotice } from '../components/IncompleteDataNotice';
import { fullName } from '../../../shared/format';
import { displayRut, personLabel } from '../components/display';
import { DataBlockBanner, PersonDataRequests } from '../data-requests/PersonDataProtection';
import { ViewersDialog } from '../privacy/ViewersDialog';
import {
  membershipChangeOf,
  accessChangesFor,
  type CompanyUserChange,
} from '../../../shared/rules/membership-transitions';
import { ErrorNotice } from '../components/ErrorNotice';
import { focusSyncReview } from '../components/focus-view';
import { TableScroll } from '../components/TableScroll';

/** The open record's heading: what its pane is described by. */
const RECORD_TITLE_ID = 'record-title';

/** Why a decision keeps a button disabled, in the agent's words; null when it is allowed. */
const deniedReason = (decision: Decision): string | null =>
  decision.allowed ? null : deniedMessages[decision.reason];

/** A button that is there but disabled, saying why beside it, when the agent may not do it. */
function ActionButton({
  decision,
  spec,
  label,
  disabledReason,
  reasonShownAt,
  about,
}: {
  decision: Decision;
  spec: DialogSpec;
  label: string;
  disabledReason?: string | null;
  /** GuardedButton's: the reason is said once elsewhere, for many buttons. */
  reasonShownAt?: string;
  /** GuardedButton's: whom or what a row's button acts on (the row's company). */
  about?: string;
}) {
  const openDialog = useSession((s) => s.openDialog);
  const why = deniedReason(decision) ?? disabledReason ?? null;
  return (
    <GuardedButton
      reason={why}
      reasonShownAt={reasonShownAt}
      about={about}
      className="small-button"
      onClick={() => openDialog(spec)}
    >
      {label}
    </GuardedButton>
  );
}

const CHANGE_LABELS: Record<CompanyUserChange, string> = recordMessages.changes;

type Membership = PersonRecord['memberships'][number];

/**
 * Why a change the company decides waits, in the words of the company's page: a legal
 * representative's access only he asks to take away, and he cannot now (companyChangeWaits),
 * said with his name as his row there says it; any other reason as deniedReason.
 */
const companyChangeReason = (decision: Decision, name: string | null): string | null => {
  if (decision.allowed) return null;
  const cause = representativeWaitOf(decision.reason);
  return cause === null
    ? deniedReason(decision)
    : companyMessages.representativeWaits(name, 'access', cause);
};

/**
 * A membership's access changes, each the company's decision (rules 7, 11, 13): they open its page
 * with their dialog (openCompanyUserChange), which asks who of the company calls, or wait with
 * the reason — said once in the row, however many of its buttons wait for it, as on the
 * company's page.
 */
function MembershipChanges({
  record,
  membership,
  children,
}: {
  record: PersonRecord;
  membership: Membership;
  /**
   * The row's other buttons, before the reasons; given where a reason of theirs is already said
   * in the row (the same words: a Ley 21.719 block waits every button alike), to point there.
   */
  children?: (shownAt: (reason: string | null) => string | undefined) => ReactNode;
}) {
  const rowId = useId();
  // The agent's own record (an officer who administers the company): told as «usted».
  const isMe = useIsAgentPerson();
  const changes = accessChangesFor({ onEmpresas: membership.companyOnEmpresas }, membership);
  const reasonOf = (change: CompanyUserChange) =>
    companyChangeReason(
      membership.can[membershipChangeOf(change)],
      isMe(record.rut) ? null : fullName(record),
    );
  const reasons = [
    ...new Set(changes.map(reasonOf).filter((reason): reason is string => reason !== null)),
  ];
  const reasonId = (reason: string | null) =>
    reason === null ? undefined : `${rowId}-why-${reasons.indexOf(reason)}`;
  return (
    <>
      {changes.map((change) => (
        <GuardedButton
          key={change}
          className="small-button"
          reason={reasonOf(change)}
          reasonShownAt={reasonId(reasonOf(change))}
          about={membership.companyName}
          onClick={() => void openCompanyUserChange(record, membership.companyRut, change, 'row')}
        >
          {CHANGE_LABELS[change]}
        </GuardedButton>
      ))}
      {children?.(reasonId)}
      {reasons.map((reason) => (
        <p key={reason} id={reasonId(reason)} className="disabled-reason">
          {reason}
        </p>
      ))}
    </>
  );
}

/** A company's name that opens its page, with its RUT beside it. */
function CompanyLink({ rut, name }: { rut: string; name: string }) {
  const openCompany = useCompany((s) => s.open);
  return (
    <>
      <button
        type="button"
        className="link"
        aria-label={companyMessages.openOf(name)}
        onClick={() => void openCompany(rut)}
      >
        {name}
      </button>{' '}
      <span className="rut small">{displayRut(rut)}</span>
    </>
  );
}

const yesNo = (value: boolean) => (value ? recordMessages.yes : recordMessages.no);

/** «Cambiar perfil» is not this agent's at that company (rule 9: a supervisor or its admin). */
const notAdminHere = (membership: Membership) =>
  !membership.can.changeRole.allowed && membership.can.changeRole.reason === 'not_access_admin';

/**
 * «Cambiar perfil» waits for the very words another button of its row already says there (a
 * Ley 21.719 block waits them all): it points to them, and no note under the table repeats them.
 */
const roleWaitsInRow = (membership: Membership): boolean => {
  const role = membership.can.changeRole;
  if (role.allowed) return false;
  return accessChangesFor({ onEmpresas: membership.companyOnEmpresas }, membership).some(
    (change) => {
      const decision = membership.can[membershipChangeOf(change)];
      return (
        !decision.allowed &&
        decision.reason === role.reason &&
        representativeWaitOf(decision.reason) === null
      );
    },
  );
};

/** The person's record; Esc (handled by the app) goes back to the results. */
export const PersonRecordPane = forwardRef<HTMLElement>(function PersonRecordPane(_props, ref) {
  const record = useApp((s) => s.record);
  const loading = useApp((s) => s.recordLoading);
  const error = useApp((s) => s.recordError);
  const rut = useApp((s) => s.recordRut);
  // A search answered with nobody (a RUT no one has): nothing to select with ↑ ↓.
  const answeredNobody = useApp(
    (s) => s.text.trim() !== '' && s.answeredText === s.text && s.rows.length === 0 && !s.searching,
  );
  // Only companies answered (walk 58: «Seleccione una persona» beside «0 personas · 1 empresa»).
  const companiesOnly = useApp(
    (s) => s.rows.length > 0 && s.rows.every((row) => row.kind === 'company'),
  );
  // Another person's record opens at its top, where the diagnosis is — not at the scroll
  // position the previous one was left at. Opened from a company's page, whose button went with
  // it, the focus would be left on the page's body: it comes to the record.
  const own = useRef<HTMLElement | null>(null);
  const setRef = (node: HTMLElement | null) => {
    own.current = node;
    if (typeof ref === 'function') ref(node);
    else if (ref) ref.current = node;
  };
  useEffect(() => {
    own.current?.scrollTo({ top: 0 });
    if (document.activeElement === null || document.activeElement === document.body) {
      own.current?.focus();
    }
  }, [rut]);
  // Once a record opened with the focus has drawn, its top is brought into view: at 200 % zoom it
  // sits under the results, and the focus alone left the screen as it was (as if Enter had done
  // nothing). Once per person opened, not at each reload.
  const loadedRut = record?.rut ?? null;
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const section = own.current;
    if (!section || loadedRut === null || shown.current === loadedRut) return;
    shown.current = loadedRut;
    if (document.activeElement !== section) return;
    const top = section.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 40) section.scrollIntoView({ block: 'start' });
  }, [loadedRut]);

  if (!rut) {
    return (
      <section className="record record-empty" aria-label={recordMessages.region}>
        <p>
          {answeredNobody
            ? recordMessages.pickNone
            : companiesOnly
              ? recordMessages.pickCompany
              : recordMessages.pickHint}
        </p>
        <p className="muted">{recordMessages.pickKeys}</p>
      </section>
    );
  }
  return (
    // Focused when a record opens: named «Ficha», described by whose it is (its heading), so a
    // screen reader says the person's name where the agent landed.
    <section
      ref={setRef}
      className="record"
      aria-label={recordMessages.region}
      aria-describedby={record ? RECORD_TITLE_ID : undefined}
      // Another person's record on its way: what is drawn is still the previous one's (F3 waits).
      aria-busy={loading && record?.rut !== rut ? true : undefined}
      tabIndex={-1}
    >
      {loading && !record && (
        <div className="progress" role="progressbar" aria-label={recordMessages.loading} />
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {record && <RecordContent record={record} />}
    </section>
  );
});

/**
 * A record listing waiting actions follows the queue: whenever the sync status moves, the
 * person's waiting actions are asked again (a cheap read, no «Vio la ficha»), and when some left
 * the queue (applied, refused, in conflict) the record is read again whole — its mails, versions
 * and diagnosis as they are now — as a reload. Also when an action went through before the
 * status ever counted it.
 */
function usePendingFollowsQueue(record: PersonRecord) {
  const queue = useSession((s) =>
    s.sync ? `${s.sync.pending}:${s.sync.waitingForOtherAgent}:${s.sync.lastSyncAt}` : null,
  );
  const waiting = record.pendingActions.length > 0;
  const rut = record.rut;
  useEffect(() => {
    if (!waiting || queue === null) return;
    let current = true;
    call('persons.pending', { rut }).then(
      (pending) => {
        const shown = useApp.getState().record;
        if (!current || shown?.rut !== rut) return;
        const same =
          pending.length === shown.pendingActions.length &&
          pending.every((action, i) => action.actionId === shown.pendingActions[i]?.actionId);
        if (!same) void useApp.getState().reloadRecord();
      },
      // Refused: the person left the agent's reach (an officer's company taken, a dismissal
      // pulled). Read again, the record says so instead of showing what no longer holds.
      () => {
        if (current && useApp.getState().record?.rut === rut) void useApp.getState().reloadRecord();
      },
    );
    return () => {
      current = false;
    };
  }, [queue, rut, waiting]);
}

function RecordContent({ record }: { record: PersonRecord }) {
  usePendingFollowsQueue(record);
  // Privacy by default (issue 10): a supervisor sees who viewed this person.
  const supervisor = useSession((s) => s.session?.role === 'supervisor');
  const [viewersOpen, setViewersOpen] = useState(false);
  const me = useSession((s) => s.session?.agentId ?? null);
  const show = useSession((s) => s.show);
  const notAdminNote = useId();
  const roleNotes = useId();
  return (
    <>
      <IncompleteDataNotice where="record" force={record.replicaIncomplete} />
      <DataBlockBanner record={record} />
      <header className="record-header">
        <h1 id={RECORD_TITLE_ID}>{fullName(record)}</h1>
        <p className="rut big">{displayRut(record.rut)}</p>
        <Badges
          badges={record.badges}
          held={record.pendingActions.some((action) => holdsAccess(action.kind))}
        />
        {supervisor && (
          <p>
            <button type="button" className="small-button" onClick={() => setViewersOpen(true)}>
              {privacyMessages.viewersButton}
            </button>
          </p>
        )}
        {viewersOpen && (
          <ViewersDialog
            rut={record.rut}
            name={fullName(record)}
            onClose={() => setViewersOpen(false)}
          />
        )}
        {record.pendingActions.length > 0 && (
          <p className="notice notice-warn record-pending">
            {heldMessages.pending(
              record.pendingActions.map((a) => ({
                label: actionLabels[a.kind] ?? a.kind,
                otherAgent:
                  a.agentId === null || a.agentId === me
                    ? null
                    : (a.agentName ?? syncMessages.unknownAgent),
                agentDisabled: a.agentDisabled,
              })),
            )}
          </p>
        )}
        {record.unsettledActions.length > 0 && (
          <UnsettledNote
            record={record}
            me={me}
            onGo={() => {
              show('sync');
              focusSyncReview();
            }}
          />
        )}
      </header>

      <DiagnosisPanel record={record} />

      <div className="section-head">
        <h2>{recordMessages.identity}</h2>
        <ActionButton
          decision={record.can.editContact}
          spec={editContactSpec(record)}
          label={recordMessages.editContact}
        />
      </div>
      <dl className="facts">
        <dt>{recordMessages.rut}</dt>
        <dd>{displayRut(record.rut)}</dd>
        <dt>{recordMessages.serialNumber}</dt>
        <dd>{record.serialNumberMasked ?? recordMessages.notRegistered}</dd>
        <dt>{recordMessages.email}</dt>
        <dd>
          {record.email ?? <span className="warn-text">{recordMessages.noEmail}</span>}
          <ContactChanged change={record.contactChanged.email} />
        </dd>
        <dt>{recordMessages.phone}</dt>
        <dd>
          {record.phone ? formatPhone(record.phone) : recordMessages.notRegistered}
          <ContactChanged change={record.contactChanged.phone} />
        </dd>
        <dt>{recordMessages.qualityLabel}</dt>
        <dd>
          {recordMessages.quality({
            isWorker: record.isWorker,
            isPensioner: record.isPensioner,
            companyUser: record.memberships.some(
              (m) => m.role !== 'worker' && m.state !== 'removed',
            ),
            registers: record.registers,
            noCompanyLeft:
              record.memberships.length > 0 &&
              record.memberships.every((m) => m.state === 'removed'),
          })}
        </dd>
      </dl>

      <h2>{recordMessages.accounts}</h2>
      {record.accounts.length === 0 ? (
        <p className="muted">
          {record.replicaIncomplete ? recordMessages.accountsNotYet : recordMessages.noAccounts}
        </p>
      ) : (
        <TableScroll label={recordMessages.accounts}>
          <table>
            <ColumnHeads titles={recordMessages.accountColumns} />
            <tbody>
              {record.accounts.map((account) => (
                <tr key={account.portal}>
                  <th scope="row">{loginLabels[account.portal]}</th>
                  <td>{registrationStateLabels[account.registrationState]}</td>
                  <td>
                    <Badges
                      badges={account.badges}
                      compact
                      held={record.pendingActions.some((action) => holdsAccess(action.kind))}
                    />
                  </td>
                  <td>{account.failedAttempts}</td>
                  <td>{yesNo(account.passwordSet)}</td>
                  <td>{yesNo(account.emailVerified)}</td>
                  <td>
                    {account.lastLoginAt
                      ? formatDateTime(account.lastLoginAt)
                      : recordMessages.never}
                  </td>
                  <td className="actions">
                    {account.badges.some((b) => b.code === 'temporarily_locked') && (
                      <ActionButton
                        decision={record.can.unlock}
                        spec={unlockSpec(record, account.portal)}
                        label={actionDialogTexts.fixLabels.unlock}
                      />
                    )}
                    {account.registrationBlocked && (
                      <ActionButton
                        decision={record.can.clearRegistrationBlock}
                        spec={clearBlockSpec(record, account.portal)}
                        label={actionDialogTexts.fixLabels.clear_registration_block}
                      />
                    )}
                    {account.mailKinds.map((kind) => (
                      <ActionButton
                        key={kind}
                        decision={record.can.resendMail}
                        spec={resendSpec(record, account.portal, kind)}
                        label={mailButtonLabel(record, account.portal, kind)}
                        disabledReason={mailCooldownReason(record, account.portal, kind)}
                      />
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2>{recordMessages.companies}</h2>
      {record.memberships.length === 0 ? (
        record.registers.length === 0 && (
          <p className="muted">
            {record.replicaIncomplete ? recordMessages.companiesNotYet : recordMessages.noCompanies}
          </p>
        )
      ) : (
        <TableScroll label={recordMessages.companies}>
          <table>
            <ColumnHeads titles={recordMessages.companyColumns} />
            <tbody>
              {record.memberships.map((membership) => (
                <tr
                  key={membership.companyRut}
                  data-company-rut={readRut(membership.companyRut)?.body}
                >
                  <th scope="row">
                    <CompanyLink rut={membership.companyRut} name={membership.companyName} />
                  </th>
                  <td className={membership.companyAdherent ? '' : 'danger-text'}>
                    {membership.companyAdherent
                      ? `Sí${membership.companyAdherentSince ? ` (desde ${formatDate(membership.companyAdherentSince)})` : ''}`
                      : `No${membership.companyAdherentUntil ? ` (su adhesión terminó el ${formatDate(membership.companyAdherentUntil)})` : ''}`}
                  </td>
                  <td>
                    {roleText(
                      membership.role,
                      profileStanding(membership, membership.companyOnEmpresas),
                    )}
                    {membership.adminKind && (
                      <span className="small muted">
                        {' '}
                        · {adminKindLabels[membership.adminKind]}
                      </span>
                    )}
                    {membership.external && <TrailingTag>{companyMessages.external}</TrailingTag>}
                  </td>
                  <td
                    data-standing
                    className={standingClass(
                      profileStanding(membership, membership.companyOnEmpresas),
                      membership.companyAdherent,
                    )}
                  >
                    {standingText(
                      profileStanding(membership, membership.companyOnEmpresas),
                      membership.companyAdherent,
                    )}
                  </td>
                  <td>
                    <WholeDates
                      text={
                        membership.endedAt
                          ? `${formatDate(membership.startedAt)} – ${formatDate(membership.endedAt)}`
                          : recordMessages.tieSince(
                              formatDate(membership.startedAt),
                              membership.state === 'active',
                            )
                      }
                    />
                  </td>
                  <td>{modulesText(membership)}</td>
                  <td
                    className={
                      membership.companyOnEmpresas &&
                      membership.role !== 'worker' &&
                      !membership.agreementSigned
                        ? 'warn-text'
                        : ''
                    }
                  >
                    {!membership.companyOnEmpresas || membership.role === 'worker'
                      ? companyMessages.agreement.notNeeded
                      : membership.agreementSigned
                        ? companyMessages.agreement.signed(
                            membership.agreementSignedAt
                              ? formatDate(membership.agreementSignedAt)
                              : '—',
                          )
                        : companyMessages.agreement.pending(
                            membership.agreementSentAt
                              ? formatDate(membership.agreementSentAt)
                              : null,
                          )}
                  </td>
                  <td className="actions">
                    <MembershipChanges record={record} membership={membership}>
                      {(shownAt) =>
                        membership.state !== 'removed' && (
                          <GuardedButton
                            className="small-button"
                            reason={deniedReason(membership.can.changeRole)}
                            // Rule 9: the company asks for it, on its page's dialog (walk 59a).
                            onClick={() => void openProfileChange(record, membership)}
                            reasonShownAt={
                              notAdminHere(membership)
                                ? notAdminNote
                                : roleWaitsInRow(membership)
                                  ? shownAt(deniedReason(membership.can.changeRole))
                                  : !membership.can.changeRole.allowed
                                    ? `${roleNotes}-${membership.companyRut}`
                                    : undefined
                            }
                            // The note under the table names the company itself.
                            about={
                              notAdminHere(membership) ||
                              membership.can.changeRole.allowed ||
                              roleWaitsInRow(membership)
                                ? membership.companyName
                                : undefined
                            }
                          >
                            {actionDialogTexts.role.title}
                          </GuardedButton>
                        )
                      }
                    </MembershipChanges>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {/* Said once for the table, not under a waiting button in every row. */}
      {record.memberships.some((m) => m.state !== 'removed' && notAdminHere(m)) && (
        <p id={notAdminNote} className="muted small">
          {deniedMessages.not_access_admin}
        </p>
      )}
      {/* Any other reason «Cambiar perfil» waits, under the table with its company's name: in
          the row's narrow column it ran twenty lines at 1024 px. */}
      {record.memberships.map((m) =>
        m.state === 'removed' ||
        m.can.changeRole.allowed ||
        notAdminHere(m) ||
        roleWaitsInRow(m) ? null : (
          <p key={m.companyRut} id={`${roleNotes}-${m.companyRut}`} className="muted small">
            {recordMessages.roleWaits(m.companyName, deniedMessages[m.can.changeRole.reason])}
          </p>
        ),
      )}
      {record.registers.length > 0 && (
        <div className="registers">
          <p className="muted">{recordMessages.registersTitle}</p>
          <ul>
            {record.registers.map((entry) => (
              <li key={`${entry.companyRut}-${entry.kind}`}>
                {recordMessages.register(entry.kind)} ·{' '}
                <CompanyLink rut={entry.companyRut} name={entry.companyName} />
              </li>
            ))}
          </ul>
        </div>
      )}

      <AccessAdmins memberships={record.memberships} />

      <h2>{recordMessages.mails}</h2>
      {record.mails.length === 0 ? (
        <p className="muted">{recordMessages.noMails}</p>
      ) : (
        <TableScroll label={recordMessages.mails}>
          <table>
            <ColumnHeads titles={recordMessages.mailColumns} />
            <tbody>
              {record.mails.map((mail) => (
                <tr key={`${mail.portal}-${mail.kind}-${mail.sentAt}`}>
                  <td>{formatDateTime(mail.sentAt)}</td>
                  <td>{mailKindLabels[mail.kind]}</td>
                  <td>{portalLabels[mail.portal]}</td>
                  <td>{mail.toAddress}</td>
                  <td className={mail.outcome === 'bounced' ? 'danger-text' : ''}>
                    {mailOutcomeLabels[mail.outcome]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <PersonDataRequests record={record} />

      <RecentInteractions interactions={record.interactions} personRut={record.rut} />
    </>
  );
}

/**
 * Rule 9: who the person asks for modules or a profile at each company still open to them, the
 * question a caller brings when they do not know (seed 000); a company with none says who can.
 * Names only: opening their records is not this call's business.
 */
function AccessAdmins({ memberships }: { memberships: PersonRecord['memberships'] }) {
  // Paused or disabled too: its administrators are among who asks that it be given back (the
  // diagnosis says so).
  const open = memberships.filter((m) => m.state !== 'removed' && m.companyAdherent);
  // Someone who administers a company and is its only administrator has nobody else to ask.
  const shown = open.filter((m) => m.accessAdmins.length > 0 || m.role !== 'access_admin');
  if (shown.length === 0) return null;
  const closed = {
    paused: shown.some((m) => m.state === 'paused'),
    disabled: shown.some((m) => m.state === 'disabled'),
  };
  return (
    <div className="registers">
      <p className="muted">{recordMessages.accessAdminsTitle(closed)}</p>
      <ul>
        {shown.map((m) => (
          <li key={m.companyRut}>
            <strong>{m.companyName}</strong>
            {m.accessAdmins.length === 0
              ? ` ${recordMessages.noAccessAdmins(m.state, m.nobodyAsks === true)}`
              : m.accessAdmins.map((admin, index) => (
                  <span key={admin.rut}>
                    {index === 0 ? ': ' : ' · '}
                    {admin.name}{' '}
                    <span className="muted">
                      ({displayRut(admin.rut)}
                      {admin.kind && `, ${adminKindLabels[admin.kind].toLowerCase()}`})
                    </span>
                  </span>
                ))}
            {m.accessAdminsMore > 0 && recordMessages.accessAdminsMore(m.accessAdminsMore)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The person's latest calls and visits the agent may see, titled by what they are (an officer's
 * visits, an agent's calls; on a supervisor's desk an officer also uses, both), and each row,
 * where both mix, by its own kind.
 */
function RecentInteractions({
  interactions,
  personRut,
}: {
  interactions: PersonRecord['interactions'];
  personRut: string;
}) {
  const words = useInteractionWords().bar;
  const role = useSession((s) => s.session?.role);
  const me = useSession((s) => s.session?.agentId);
  const own = interactionKindOf(role);
  const seesAll = role !== undefined && seesAllInteractions(role);
  const visits = interactions.filter((interaction) => interaction.kind === 'visit').length;
  const noun = listNoun(own, interactions.length, visits);
  const { list } = interactionListWords(noun);
  // Who spoke for the person, in each one's words: called, or was there at an officer's visit.
  const spokenFor = (interaction: PersonRecord['interactions'][number]) =>
    interactionKindWords[interaction.kind].onBehalf.listed(interaction);
  return (
    <>
      <h2>{list.recentTitle}</h2>
      {interactions.length === 0 ? (
        <p className="muted">{seesAll ? list.recentEmpty : list.recentEmptyOwn}</p>
      ) : (
        <ul className="calls">
          {interactions.map((interaction) => {
            const reason = interactionReasonLabels[interaction.reason];
            const lasted = formatLasted(interaction.openedAt, interaction.closedAt);
            return (
              <li key={interaction.id}>
                <strong>
                  {noun === 'both'
                    ? interactionKindWords[interaction.kind].kindReason(reason)
                    : reason}
                </strong>{' '}
                · {formatDateTime(interaction.openedAt)} ·{' '}
                {interaction.outcome
                  ? interactionOutcomeLabels[interaction.outcome]
                  : words.inProgressShort}
                {/* Handed over or to call back: still waiting, or what was done. */}
                {interaction.awaiting && ` (${followUpMessages.awaitingInline})`}
                {interaction.followUp &&
                  ` (${followUpMessages.attendedInline(
                    formatDateTime(interaction.followUp.at),
                    interaction.followUp.agentName,
                  )})`}
                {interaction.actions.length > 0 &&
                  ` · ${interaction.actions.map((a) => callActionText(a, interaction.personRut, displayRut)).join(', ')}`}
                {spokenFor(interaction) && ` · ${spokenFor(interaction)}`}
                {/* Someone else's call that acted on this person too: whose it was. */}
                {interaction.personRut !== null &&
                  interaction.personRut !== personRut &&
                  ` · ${interactionKindWords[interaction.kind].ofOther(
                    personLabel(interaction.personName, interaction.personRut)!,
                  )}`}
                {lasted && ` · ${words.lasted(lasted)}`}
                {/* A supervisor reads every agent's: whose each one was. */}
                {interaction.agentId !== me &&
                  ` · ${words.takenBy(interaction.agentName ?? words.unknownAgent)}`}
                {/* What was pending, and what was done after: read here, not only in Llamadas
                    (walk 60a M1). */}
                {interaction.notes && (
                  <div className="small muted recent-call-notes">
                    <LongText
                      text={interaction.notes}
                      more={words.notesMore}
                      less={words.notesLess}
                      lines={2}
                    />
                  </div>
                )}
                {interaction.followUp && (
                  <div className="small muted recent-call-notes">
                    {followUpMessages.doneNote}{' '}
                    <LongText
                      text={interaction.followUp.note}
                      more={followUpMessages.noteMore}
                      less={followUpMessages.noteLess}
                      lines={2}
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** When a contact field last changed, and who changed it: «¿quién cambió mi correo?». */
function ContactChanged({ change }: { change: PersonRecord['contactChanged']['email'] }) {
  if (!change) return null;
  return (
    <div className="small muted">
      {recordMessages.contactChanged(formatDateTime(change.at), change.by)}
    </div>
  );
}

/**
 * The person's actions the central did not apply, until settled. Sincronización lists an agent's
 * own (a supervisor's: everyone's), so another agent's is said as theirs to settle.
 */
function UnsettledNote({
  record,
  me,
  onGo,
}: {
  record: PersonRecord;
  me: string | null;
  onGo: () => void;
}) {
  const supervisor = useSession((s) => s.session?.role === 'supervisor');
  const actions = record.unsettledActions.map((a) => ({
    label: actionLabels[a.kind] ?? a.kind,
    state: a.state,
    otherAgent:
      a.agentId === null || a.agentId === me ? null : (a.agentName ?? syncMessages.unknownAgent),
  }));
  const othersOnly = !supervisor && actions.every((a) => a.otherAgent !== null);
  return (
    <div className="notice notice-danger record-pending" role="note">
      <p>{heldMessages.unsettled(actions, othersOnly)}</p>
      {!othersOnly && (
        <button type="button" className="link" onClick={onGo}>
          {heldMessages.unsettledGo}
        </button>
      )}
    </div>
  );
}

/** A table's column titles, as the catalogue names them. */
function ColumnHeads({ titles }: { titles: readonly string[] }) {
  return (
    <thead>
      <tr>
        {titles.map((title) => (
          <th key={title} scope="col">
            {title}
          </th>
        ))}
      </tr>
    </thead>
  );
}
