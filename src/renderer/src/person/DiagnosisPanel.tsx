import {
  ADVICE_CAUSES,
  TIP_CAUSES,
  type PersonRecord,
  type Portal,
} from '../../../shared/contract';
import { isLosHeroes } from '../../../shared/portals';
import { readRut } from '../../../shared/rut';
import { entryTipsWait } from '../../../shared/rules/entry-tips';
import { refusedOnBehalf } from '../../../shared/policy';
import {
  actionDialogTexts,
  blockedRectifySay,
  blockedSay,
  causeTexts,
  deniedMessages,
  diagnosisMessages,
  heldLockSay,
  heldMessages,
  onBehalfSay,
  registrationBlockedSayHere,
  noCauseText,
  unverifiableSay,
} from '../../../shared/messages';
import {
  fixAllowed,
  fixLabels,
  fixSpec,
  mailCooldownReason,
  openCompanyRequests,
  openCompanyUserChange,
  mailButtonLabel,
  resendSpec,
} from '../actions';
import { useSession } from '../session-store';
import { incompleteDataMessages } from '../../../shared/messages';
import { GuardedButton } from '../components/GuardedButton';
import { loadInterrupted } from '../components/IncompleteDataNotice';
import { actionsHeld } from '../components/actions-held';

/**
 * Whether the person is on Los Héroes' portals, on ACHS's, or both: by their logins (registered
 * or not), or with none by their companies.
 */
function portalsOf(record: PersonRecord) {
  if (record.accounts.length === 0) {
    const open = record.memberships.filter((m) => m.state !== 'removed');
    return {
      losHeroes: open.some((m) => m.companyOnEmpresas),
      achs: open.some((m) => !m.companyOnEmpresas),
    };
  }
  return {
    losHeroes: record.accounts.some((account) => isLosHeroes(account.portal)),
    achs: record.accounts.some((account) => !isLosHeroes(account.portal)),
  };
}

/** "¿Por qué no puede ingresar?": every cause, most likely first, each with its fix or its words. */
export function DiagnosisPanel({ record }: { record: PersonRecord }) {
  const openDialog = useSession((s) => s.openDialog);
  const offline = useSession((s) => loadInterrupted(s.sync));
  const me = useSession((s) => s.session?.agentId ?? null);
  const supervisor = useSession((s) => s.session?.role === 'supervisor');
  // What this desk did for the person has not reached the portal: the words below would not be
  // true there yet. Another agent's actions (a shared desk) wait for them, online or not.
  const othersActions = record.pendingActions.filter(
    (action) => action.agentId !== null && action.agentId !== me,
  );
  const others = [...new Set(othersActions.map((action) => action.agentName ?? action.agentId!))];
  // Those the central said are disabled: they will not come back to send theirs.
  const disabled = [
    ...new Set(
      othersActions
        .filter((action) => action.agentDisabled)
        .map((action) => action.agentName ?? action.agentId!),
    ),
  ];
  const heldHere = useSession((s) => actionsHeld(s.sync)) && record.pendingActions.length > 0;
  const held = heldHere || others.length > 0;
  // An unlock waiting here lifts a lock the portal still has: its advice stands until it arrives.
  const portalLocks = record.pendingActions.flatMap((action) =>
    action.portalLock ? [action.portalLock] : [],
  );
  // How to enter is said of the access the portal has: not while a change to it waits here.
  const causes =
    held && entryTipsWait(record.pendingActions.map((action) => action.kind))
      ? record.diagnosis.filter((cause) => !TIP_CAUSES.has(cause.code))
      : record.diagnosis;
  const active = record.accounts.find((account) => account.registrationState === 'active');
  // Under a Ley 21.719 block, what may still be corrected: the open rectifications' asks.
  const openRectifications = [
    ...record.dataProtection.requests.filter(
      (request) => request.right === 'rectification' && request.deadline !== 'closed',
    ),
    ...record.dataProtection.othersOpen.filter((request) => request.right === 'rectification'),
  ].map((request) => request.number);
  const call = useSession((s) => s.interaction);
  // The open call is someone else's: what follows is said to the person, not to the caller.
  const sayLabel =
    call?.personRut && call.personRut !== record.rut
      ? diagnosisMessages.sayLabelToPerson
      : diagnosisMessages.sayLabel;
  // A login that opens no company now (as the diagnosis's withoutAccess): the lock is not all
  // that keeps them out.
  const loginShut = (portal: Portal) =>
    record.accounts.some((account) => account.portal === portal && !account.hasAccess);

  // Data may still be missing: no cause is certain, so no words for the caller and no fix.
  if (record.replicaIncomplete) {
    return (
      <section className="diagnosis" aria-labelledby="diagnosis-title">
        <h2 id="diagnosis-title">{diagnosisMessages.title}</h2>
        <div className="cause cause-waiting">
          <div>
            <strong>
              {offline
                ? incompleteDataMessages.diagnosisOfflineTitle
                : incompleteDataMessages.diagnosisTitle}
            </strong>
            <p>
              {offline
                ? incompleteDataMessages.diagnosisOfflineSay
                : incompleteDataMessages.diagnosisSay}
            </p>
          </div>
        </div>
      </section>
    );
  }

  return (
    <section className="diagnosis" aria-labelledby="diagnosis-title">
      <h2 id="diagnosis-title">{diagnosisMessages.title}</h2>
      {held && (
        <div className="cause cause-waiting">
          <div>
            <strong>{heldMessages.diagnosisTitle}</strong>
            <p>
              <span className="say-label">{sayLabel}</span>{' '}
              {heldHere ? heldMessages.diagnosisSay : heldMessages.diagnosisSayOthers}
            </p>
            {portalLocks.map((lock) => (
              <p key={lock.portal}>
                <span className="say-label">{sayLabel}</span>{' '}
                {heldLockSay(lock.portal, lock.until, loginShut(lock.portal))}
              </p>
            ))}
            {others.length > 0 && (
              <p className="small">{heldMessages.othersNote(others, supervisor, disabled)}</p>
            )}
          </div>
        </div>
      )}
      {/* Tips alone (how to enter, which keys) are no reason they cannot get in — but nothing
          may say the account works while what the record shows has not reached the portal. */}
      {!held && record.diagnosis.every((cause) => TIP_CAUSES.has(cause.code)) && (
        <div className="cause cause-ok">
          <div>
            <strong>{noCauseText.title}</strong>
            <p>
              <span className="say-label">{sayLabel}</span>{' '}
              {record.dataProtection.block
                ? noCauseText.sayBlocked(active?.portal)
                : noCauseText.say}
            </p>
          </div>
          {active && record.email && record.can.resendMail.allowed && (
            <GuardedButton
              reason={mailCooldownReason(record, active.portal, 'password_reset')}
              onClick={() => openDialog(resendSpec(record, active.portal, 'password_reset'))}
            >
              {mailButtonLabel(record, active.portal, 'password_reset')}
            </GuardedButton>
          )}
        </div>
      )}
      {causes.length > 0 && (
        <ol className="causes">
          {causes.map((cause, index) => {
            const decision = cause.fix ? fixAllowed(record, cause.fix) : null;
            const words = causeTexts[cause.code](cause);
            // Its fix asks for the identity check, which the facts held cannot cover: no promise
            // of it, and who can act instead.
            // Or a Ley 21.719 block stands: nothing of what its words promise can be done now.
            const block = record.dataProtection.block;
            const instead =
              decision?.allowed === false && decision.reason === 'identity_unverifiable'
                ? unverifiableSay(cause, { ...portalsOf(record), hasEmail: record.email !== null })
                : decision?.allowed === false && decision.reason === 'data_blocked' && block
                  ? blockedSay(cause, block.requestNumber)
                  : // Allowed under a block only as an open rectification's correction.
                    decision?.allowed === true && block
                    ? blockedRectifySay(cause, block.requestNumber, openRectifications)
                    : // The agent who may clear it is the help desk the words send the caller to.
                      cause.code === 'registration_blocked' && decision?.allowed === true
                      ? registrationBlockedSayHere
                      : null;
            const spec = cause.fix ? fixSpec(record, cause.fix) : null;
            // Someone else on the line in this person's name: a fix the desk may take once the
            // person calls is not promised to them (the dialog would refuse it). One the desk
            // may not take even then keeps the words that say so (`instead`).
            const spoken =
              decision?.allowed === true &&
              spec &&
              call?.onBehalf &&
              refusedOnBehalf(call, record.rut, spec.action)
                ? onBehalfSay(cause)
                : null;
            const said = instead ?? spoken;
            const text = said === null ? words : { ...words, say: said };
            const fix = cause.fix;
            const onFix = spec
              ? () => openDialog(spec)
              : fix?.action === 'resume_membership' || fix?.action === 'enable_membership'
                ? () =>
                    void openCompanyUserChange(
                      record,
                      fix.companyRut,
                      fix.action === 'resume_membership' ? 'resume' : 'enable',
                      'diagnosis',
                    )
                : null;
            const cooling =
              cause.fix?.action === 'resend_mail'
                ? mailCooldownReason(record, cause.fix.portal, cause.fix.kind)
                : null;
            return (
              <li
                key={`${cause.code}-${cause.portal ?? ''}-${cause.companyRut ?? ''}-${index}`}
                data-company-rut={cause.companyRut ? readRut(cause.companyRut)?.body : undefined}
                className={ADVICE_CAUSES.has(cause.code) ? 'cause cause-advice' : 'cause'}
              >
                <div>
                  <strong>{text.title}</strong>
                  <p>
                    <span className="say-label">{sayLabel}</span> {text.say}
                  </p>
                </div>
                {!cause.fix &&
                  cause.companyRut &&
                  (cause.code === 'access_request_pending' ||
                    cause.code === 'access_request_rejected') && (
                    <button
                      type="button"
                      className={index === 0 ? 'primary' : undefined}
                      onClick={() => void openCompanyRequests(cause.companyRut!)}
                    >
                      {actionDialogTexts.seeCompanyRequests}
                    </button>
                  )}
                {cause.fix && onFix && decision && (
                  <GuardedButton
                    className={index === 0 ? 'primary' : undefined}
                    reason={!decision.allowed ? deniedMessages[decision.reason] : cooling}
                    onClick={onFix}
                  >
                    {cause.fix.action === 'edit_contact' && !record.email
                      ? actionDialogTexts.addEmail
                      : cause.fix.action === 'resend_mail'
                        ? mailButtonLabel(record, cause.fix.portal, cause.fix.kind)
                        : fixLabels[cause.fix.action]}
                  </GuardedButton>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
