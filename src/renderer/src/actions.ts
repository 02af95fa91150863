/**
 * Every action the agent can take from a record, as a dialog spec: what it asks for (reason,
 * identity check, new values) and which channel it calls. Diagnosis fixes and buttons use the
 * same specs, so an action behaves the same wherever it is started.
 */
import type { Fix, MailKind, PersonRecord, Portal } from '../../shared/contract';
import { formatTime } from '../../shared/format';
import {
  actionDialogTexts,
  disabledReasons,
  mailKindLabels,
  portalLabels,
  syncMessages,
} from '../../shared/messages';
import { mailWaitMs } from '../../shared/rules/access';
import { mailPortal } from '../../shared/portals';
import type { CompanyUserChange } from '../../shared/rules/membership-transitions';
import { call } from './api/client';
import { COMPANY_REQUESTS_HEADING, useCompany } from './company/company-store';
import { fullName } from '../../shared/format';
import { useSession, type DialogSpec } from './session-store';
import { useApp } from './store';

/**
 * The record as it is now: after a "changed meanwhile" answer the screen reloads it, and a
 * retry from the same dialog must carry the versions the agent is looking at now.
 */
function latest(record: PersonRecord): PersonRecord {
  const current = useApp.getState().record;
  return current && current.rut === record.rut ? current : record;
}

type Membership = PersonRecord['memberships'][number];

const account = (record: PersonRecord, portal: Portal) =>
  record.accounts.find((a) => a.portal === portal);

export function unlockSpec(record: PersonRecord, portal: Portal): DialogSpec {
  return {
    action: 'account.unlock',
    personRut: record.rut,
    personName: fullName(record),
    title: actionDialogTexts.unlock.title(portalLabels[portal]),
    description:
      account(record, portal)?.hasAccess === false
        ? actionDialogTexts.unlock.descriptionWithoutAccess(portalLabels[portal])
        : actionDialogTexts.unlock.description,
    confirmLabel: actionDialogTexts.unlock.confirm,
    reason: 'none',
    identity: true,
    identityFacts: record.identityFacts,
    phoneNoProofUntil: record.phoneNoProofUntil,
    done: actionDialogTexts.unlock.done,
    submit: (values) =>
      call('accounts.unlock', {
        rut: record.rut,
        portal,
        identityCheck: values.identityCheck,
        expectedVersion: account(latest(record), portal)?.version ?? 0,
      }),
  };
}

export function clearBlockSpec(record: PersonRecord, portal: Portal): DialogSpec {
  return {
    action: 'account.clear_registration_block',
    personRut: record.rut,
    personName: fullName(record),
    title: actionDialogTexts.clearBlock.title(portalLabels[portal]),
    description: actionDialogTexts.clearBlock.description,
    confirmLabel: actionDialogTexts.clearBlock.confirm,
    reason: 'none',
    identity: true,
    identityFacts: record.identityFacts,
    phoneNoProofUntil: record.phoneNoProofUntil,
    done: actionDialogTexts.clearBlock.done,
    submit: (values) =>
      call('accounts.clearRegistrationBlock', {
        rut: record.rut,
        portal,
        identityCheck: values.identityCheck,
        expectedVersion: account(latest(record), portal)?.version ?? 0,
      }),
  };
}

/** When this kind of mail may be sent again (null: now). */
export function mailAvailableAt(
  record: PersonRecord,
  portal: Portal,
  kind: MailKind,
  now = Date.now(),
) {
  const last = lastMail(record, portal, kind);
  const wait = mailWaitMs(last && { sentAt: last.sentAt, to: last.toAddress }, record.email, now);
  return wait > 0 ? now + wait : null;
}

/**
 * Why the mail cannot be asked again yet (MAIL_COOLDOWN_MINUTES), or null: said as sent only
 * when it left; one still queued on this desk is said to be waiting.
 */
export function mailCooldownReason(
  record: PersonRecord,
  portal: Portal,
  kind: MailKind,
  now = Date.now(),
): string | null {
  const at = mailAvailableAt(record, portal, kind, now);
  if (at === null) return null;
  const time = formatTime(new Date(at).toISOString());
  return lastMail(record, portal, kind)?.outcome === 'queued'
    ? disabledReasons.cooldownQueuedUntil(time)
    : disabledReasons.cooldownUntil(time);
}

/** The last mail of this kind for an account: company mails come from Portal Empresas. */
export function lastMail(record: PersonRecord, portal: Portal, kind: MailKind) {
  const from = mailPortal(kind, portal);
  return record.mails.find((mail) => mail.portal === from && mail.kind === kind) ?? null;
}

/** «Reenviar: …» once a mail of that kind went to this account; «Enviar: …» before. */
export function mailButtonLabel(record: PersonRecord, portal: Portal, kind: MailKind): string {
  return lastMail(record, portal, kind)
    ? actionDialogTexts.resendKind(mailKindLabels[kind])
    : actionDialogTexts.sendKind(mailKindLabels[kind]);
}

export function resendSpec(record: PersonRecord, portal: Portal, kind: MailKind): DialogSpec {
  const last = lastMail(record, portal, kind);
  const texts = last ? actionDialogTexts.resend : actionDialogTexts.send;
  return {
    action: 'mail.resend',
    personRut: record.rut,
    personName: fullName(record),
    title: texts.title(mailKindLabels[kind]),
    description: actionDialogTexts.resend.description(
      record.email,
      portalLabels[mailPortal(kind, portal)],
      last,
    ),
    confirmLabel: texts.confirm,
    reason: 'none',
    identity: false,
    done: actionDialogTexts.resend.done,
    doneSaysQueued: true,
    submit: () => call('mails.resend', { rut: record.rut, portal, kind }),
  };
}

export function editContactSpec(record: PersonRecord): DialogSpec {
  // On a shared desk the contact shown may be another agent's change still waiting here.
  const me = useSession.getState().session?.agentId ?? null;
  const other = record.pendingActions.find(
    (a) => a.kind === 'person.update_contact' && a.agentId !== null && a.agentId !== me,
  );
  const confirmsNewAddress = record.accounts.some(
    (account) => account.registrationState === 'active',
  );
  const description = actionDialogTexts.editContact.description(confirmsNewAddress);
  return {
    action: 'person.update_contact',
    personRut: record.rut,
    personName: fullName(record),
    title: actionDialogTexts.editContact.title,
    description: other
      ? `${description} ${actionDialogTexts.editContact.othersPending(other.agentName ?? syncMessages.unknownAgent)}`
      : description,
    confirmLabel: actionDialogTexts.editContact.confirm,
    email: record.email,
    confirmsNewAddress,
    phone: record.phone,
    reason: 'required',
    identity: true,
    identityFacts: record.identityFacts,
    phoneNoProofUntil: record.phoneNoProofUntil,
    done: actionDialogTexts.editContact.done,
    // Ley 21.719: a rectification is made here, linked to its request.
    dataRequests: record.dataProtection.requests
      .filter((r) => r.right === 'rectification' && r.deadline !== 'closed')
      .map((r) => ({ number: r.number, label: `${r.number} · ${r.detail}` })),
    dataRequestRequired: record.dataProtection.block !== null,
    submit: (values) =>
      call('contact.edit', {
        dataRequest: values.dataRequest ?? null,
        rut: record.rut,
        email: values.email === (record.email ?? '') ? undefined : values.email,
        phone: values.phone === (record.phone ?? '') ? undefined : values.phone,
        reason: values.reason,
        identityCheck: values.identityCheck,
        expectedVersion: latest(record).version,
        // As the dialog opened: a value changed since is said, not overwritten (edit-contact.ts).
        seen: { email: record.email, phone: record.phone },
      }),
  };
}

/**
 * A change of a person's access to a company, which the company decides (rules 7, 11, 13): its
 * page opens with the change's dialog, which asks who of the company calls and checks their
 * identity (main refuses it otherwise).
 */
export async function openCompanyUserChange(
  record: PersonRecord,
  companyRut: string,
  change: CompanyUserChange,
  from: 'diagnosis' | 'row',
): Promise<void> {
  const company = useCompany.getState();
  await company.open(companyRut);
  if (useCompany.getState().company === null) return;
  company.openDialog({
    kind: change,
    userRut: record.rut,
    userName: fullName(record),
    fromRecord: from,
  });
}

/**
 * The company's page at its Portal Empresas requests, where a request is decided: from a
 * person's record, whose diagnosis names the request but cannot decide it.
 */
export async function openCompanyRequests(companyRut: string): Promise<void> {
  await useCompany.getState().open(companyRut);
  if (useCompany.getState().company === null) return;
  // After the page has drawn: the heading takes the focus, and the view scrolls to it.
  requestAnimationFrame(() => document.getElementById(COMPANY_REQUESTS_HEADING)?.focus());
}

/** Whether the company's register names the person its legal representative (rules 9, 12). */
function representativeAt(record: PersonRecord, companyRut: string): boolean {
  return record.registers.some(
    (r) => r.companyRut === companyRut && r.kind === 'legal_representative',
  );
}

/**
 * «Cambiar perfil» (rule 9): the company asks for it — its representative or an access
 * administrator, verified — as for its other changes: its page opens with the dialog (walk 59a:
 * a worker raised herself to «Usuario empresa» on her own word).
 */
export async function openProfileChange(
  record: PersonRecord,
  membership: Membership,
): Promise<void> {
  const company = useCompany.getState();
  await company.open(membership.companyRut);
  if (useCompany.getState().company === null) return;
  company.openDialog({
    kind: 'role',
    userRut: record.rut,
    userName: fullName(record),
    from: {
      role: membership.role,
      external: membership.external,
      legalRepresentative: representativeAt(record, membership.companyRut),
    },
    expectedVersion:
      latest(record).memberships.find((m) => m.companyRut === membership.companyRut)?.version ??
      membership.version,
    fromRecord: 'row',
  });
}

/** The dialog a diagnosis fix opens. */
export function fixSpec(record: PersonRecord, fix: Fix): DialogSpec | null {
  switch (fix.action) {
    case 'unlock':
      return unlockSpec(record, fix.portal);
    case 'clear_registration_block':
      return clearBlockSpec(record, fix.portal);
    case 'resend_mail':
      return resendSpec(record, fix.portal, fix.kind);
    case 'edit_contact':
      return editContactSpec(record);
    case 'enable_membership':
    case 'resume_membership':
      // The company decides (rules 11, 13): openCompanyUserChange.
      return null;
  }
}

export const fixLabels: Record<Fix['action'], string> = actionDialogTexts.fixLabels;

/** Which permission of the record a fix needs. */
export function fixAllowed(record: PersonRecord, fix: Fix) {
  switch (fix.action) {
    case 'unlock':
      return record.can.unlock;
    case 'clear_registration_block':
      return record.can.clearRegistrationBlock;
    case 'resend_mail':
      return record.can.resendMail;
    case 'edit_contact':
      // Every diagnosis that offers it asks for an e-mail (no_email, mail_bounced).
      return record.can.changeEmail;
    case 'enable_membership':
    case 'resume_membership': {
      const membership = record.memberships.find((m) => m.companyRut === fix.companyRut);
      const decision =
        fix.action === 'enable_membership' ? membership?.can.enable : membership?.can.resume;
      return decision ?? ({ allowed: false, reason: 'role' } as const);
    }
  }
}
