/**
 * The dialogs of the company record (issue 7): decide a request, record one taken on the phone,
 * and — on the call of a verified representative or administrator — add a user, change a user's
 * access in the portal's words (pause, resume, delete; or disable, enable), or their modules.
 * What was typed survives a refusal.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ChannelOutput, CompanyActionResult, CompanyRecord } from '../../../shared/contract';
import { formatDate } from '../../../shared/format';
import { REASON_MAX } from '../../../shared/policy';
import {
  actionDialogTexts,
  adminKindLabels,
  companyMessages as t,
  deniedMessages,
  dialogMessages,
  heldMessages,
  moduleLabels,
  recordMessages,
  requestCapacityLabels,
  roleLabels,
  ruleMessages,
  signatoryKindLabels,
} from '../../../shared/messages';
import {
  IDENTITY_FACTS_REQUIRED,
  normalizeEmail,
  normalizeMobile,
  speaksFor,
  type IdentityFact,
} from '../../../shared/policy';
import { formatRut, looksLikeCompanyRut, readRut } from '../../../shared/rut';
import { tidyPersonName } from '../../../shared/rules/person-name';
import { readRutField } from '../../../shared/rut-field';
import { ApiError, call } from '../api/client';
import { IdentityFactChecks } from '../components/IdentityFactChecks';
import { heldAfterPush } from '../components/held-after-push';
import { useHeldIn } from '../components/use-held-in';
import { useInteractionWords } from '../components/interaction-words';
import { nameOr, personLabel } from '../components/display';
import { ActionNotices } from '../components/ActionNotices';
import { focusRow } from '../components/focus-trap';
import {
  isOnEmpresas,
  modulesGrantableAt,
  modulesOffered,
} from '../../../shared/rules/company-modules';
import {
  COMPANY_USER_CHANGE_KINDS,
  COMPANY_USER_CHANGES,
  type CompanyUserChange,
} from '../../../shared/rules/membership-transitions';
import {
  addsProfile,
  grantsToSelf,
  profileChangesFrom,
  shieldsRepresentative,
  stateWithProfile,
} from '../../../shared/rules/company-access';
import type { MembershipRole } from '../../../shared/vocabulary';

import { Modal } from '../components/Modal';
import { DialogFooter } from '../components/DialogFooter';
import { missingParts } from '../components/ConfirmButton';
import { useSession } from '../session-store';
import { waitingSignatory } from './waiting-signatory';
import { useCompany, type CompanyDialog } from './company-store';
import { useApp } from '../store';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConfirmCheck } from '../components/ConfirmCheck';
import { useIsAgentPerson } from '../components/agent-person';
import { LengthLeft } from '../components/LengthLeft';

/**
 * «Quién lo pide» as the agent tells callers apart: name, capacity, and for an ACHS
 * administrator which of the three kinds (rule 9: «Contacto comercial»…).
 */
function callerLabel(caller: CompanyRecord['callers'][number], company: CompanyRecord): string {
  const name = nameOr(caller.person);
  if (caller.as === 'legal_representative') {
    return `${name} · ${signatoryKindLabels.legal_representative}`;
  }
  const kind = company.profiles.find(
    (p) => p.person.rut === caller.person.rut && p.role === 'access_admin',
  )?.adminKind;
  return `${name} · ${roleLabels.access_admin}${kind ? ` (${adminKindLabels[kind]})` : ''}`;
}

/**
 * Back on the record, the focus where the change was asked. Taken, on the row's access state,
 * which now says it (the button that was pressed is gone, and the one in its place — «Habilitar»
 * after «Inhabilitar» — undoes it at a stray Enter). Cancelled, on the button that opened it: the
 * diagnosis's cause for this company, or that change's button in her row of the company; the row
 * otherwise.
 */
function focusRecordAgain(
  companyRut: string,
  from: 'diagnosis' | 'row',
  change: CompanyUserChange | 'role',
  taken: boolean,
): void {
  const body = readRut(companyRut)?.body;
  const row = document.querySelector(`section.record tr[data-company-rut="${body}"]`);
  const standing = row?.querySelector<HTMLElement>('td[data-standing]');
  // A profile changed leaves «Cambiar perfil» where it was: the focus goes back to it.
  if (taken && standing && change !== 'role') {
    standing.tabIndex = -1;
    standing.focus();
    return;
  }
  const cause = document.querySelector<HTMLElement>(
    `section.record .causes li[data-company-rut="${body}"] button:not([disabled])`,
  );
  if (from === 'diagnosis' && cause) {
    cause.focus();
    return;
  }
  const pressed = [...(row?.querySelectorAll<HTMLElement>('td button:not([disabled])') ?? [])].find(
    (button) =>
      button.textContent ===
      (change === 'role' ? actionDialogTexts.role.title : recordMessages.changes[change]),
  );
  if (pressed) pressed.focus();
  else if (row) focusRow(row);
}

/** The company's caller has no record on screen to compare the e-mail with. */
const CALLER_PROMPTS = { registered_email: dialogMessages.emailPromptWithoutRecord };

export function CompanyDialogHost() {
  const dialog = useCompany((s) => s.dialog);
  const company = useCompany((s) => s.company);
  if (!dialog || !company) return null;
  return <CompanyDialogForm key={JSON.stringify(dialog)} dialog={dialog} company={company} />;
}

type LookupAnswer = ChannelOutput<'companies.lookupPerson'>;

/** The request still pending of the person with this RUT at the company: a second is refused. */
const pendingRequestOf = (company: CompanyRecord, rut: string) =>
  company.requests.find(
    (r) => r.state === 'pending' && readRut(r.requester.rut)?.body === readRut(rut)?.body,
  ) ?? null;

/** Who a typed RUT belongs to, and (adding a user) what they are at this company. */
function rutHint(
  adding: boolean,
  lookup: LookupAnswer | null,
  company: CompanyRecord,
  rut: string,
): string {
  if (!lookup) return t.dialog.checkingRut;
  // A company's RUT typed as the person's: never a new person (main refuses it too).
  if (!lookup.known && looksLikeCompanyRut(rut))
    return t.dialog.companyRutHint(formatRut(readRut(rut)!));
  if (!lookup.known) return adding ? t.dialog.newPersonHint : t.dialog.requesterUnknown;
  const who = lookup.name ? t.dialog.rutOf(lookup.name) : t.dialog.rutKnownHidden;
  if (!adding) {
    const pending = pendingRequestOf(company, rut);
    return pending ? `${who} ${t.dialog.requestPending(formatDate(pending.requestedAt))}` : who;
  }
  const onEmpresas = isOnEmpresas(company.portals);
  const held = lookup.membership;
  const at = !held
    ? t.dialog.rutAtCompany.none
    : held.role === 'worker'
      ? t.dialog.rutAtCompany.worker(onEmpresas)
      : addsProfile(held, 'access_admin', { onEmpresas })
        ? t.dialog.rutAtCompany.companyUser
        : t.dialog.rutAtCompany.profile;
  // Rule 11: a profile given to an access disabled or paused leaves it so (stateWithProfile).
  const gets =
    held !== null && (held.role === 'worker' || addsProfile(held, 'access_admin', { onEmpresas }));
  const stays =
    gets && stateWithProfile(held) !== 'active' ? ` ${t.accessStays(held.state, onEmpresas)}` : '';
  return `${who} ${at}${stays}`;
}

/** The submit button says what it does: «Eliminar acceso», not «Confirmar». */
const SUBMIT_LABELS: Record<CompanyDialog['kind'], string> = {
  approve: t.approve,
  reject: t.reject,
  record: t.recordRequest,
  add: t.addUser,
  pause: t.pause,
  resume: t.resume,
  remove: t.remove,
  disable: t.disable,
  enable: t.enable,
  dismiss: t.dismiss,
  modules: t.dialog.saveModules,
  role: actionDialogTexts.role.confirm,
};

type UserChangeDialog = Extract<CompanyDialog, { kind: CompanyUserChange }>;
const isUserChange = (dialog: CompanyDialog): dialog is UserChangeDialog =>
  (COMPANY_USER_CHANGE_KINDS as readonly string[]).includes(dialog.kind);

const needsCaller = (dialog: CompanyDialog) =>
  dialog.kind === 'add' ||
  dialog.kind === 'modules' ||
  dialog.kind === 'role' ||
  isUserChange(dialog);

function titleOf(dialog: CompanyDialog, company: CompanyRecord): string {
  if (isUserChange(dialog)) return t.titles[dialog.kind](dialog.userName);
  switch (dialog.kind) {
    case 'approve':
    case 'reject':
      return t.titles[dialog.kind](dialog.requesterName);
    case 'record':
      return t.titles.record(company.legalName);
    case 'add':
      return t.titles.add(company.legalName);
    case 'modules':
      return t.titles.modules(dialog.userName);
    case 'role':
      return t.titles.role(dialog.userName);
  }
}

/**
 * A profile given the requester while her request waited (company profiles only are listed): kept,
 * raised if a user, with no second mail — main's rule (company-intents approve).
 */
function profileHeldBy(company: CompanyRecord, rut: string) {
  return (
    company.profiles.find(
      (p) => readRut(p.person.rut)?.body === readRut(rut)?.body && p.state !== 'removed',
    ) ?? null
  );
}

/** The dialog's change sends a mail: a new approval's, or the agreement's to a user added. */
function sendsMail(dialog: CompanyDialog, company: CompanyRecord): boolean {
  if (dialog.kind === 'approve') return profileHeldBy(company, dialog.requesterRut) === null;
  return dialog.kind === 'add' && isOnEmpresas(company.portals);
}

function descriptionOf(dialog: CompanyDialog, company: CompanyRecord): string {
  switch (dialog.kind) {
    case 'approve': {
      const held = profileHeldBy(company, dialog.requesterRut);
      return t.descriptions.approve(held ? { role: held.role, state: held.state } : null);
    }
    case 'reject':
    case 'record':
      return t.descriptions[dialog.kind];
    case 'dismiss':
      // What a dismissal does, before who may ask for it.
      return `${t.descriptions.dismiss} ${t.callerRule(isOnEmpresas(company.portals))}`;
    default:
      // Adding users, changing their access or modules: the one rule of who may ask.
      return t.callerRule(isOnEmpresas(company.portals));
  }
}

function CompanyDialogForm({ dialog, company }: { dialog: CompanyDialog; company: CompanyRecord }) {
  const closeDialog = useCompany((s) => s.closeDialog);
  // A company's decision asked from its user's record: closing it, either way, goes back to her
  // record (read again: the change shows) with the focus where it was asked.
  const leave = (taken: boolean) => {
    closeDialog();
    if (!('fromRecord' in dialog) || !dialog.fromRecord) return;
    const from = dialog.fromRecord;
    const change = dialog.kind;
    useCompany.getState().close();
    void useApp
      .getState()
      .reloadRecord()
      .then(() => requestAnimationFrame(() => focusRecordAgain(company.rut, from, change, taken)));
  };
  /** Esc, «Cancelar», or a click outside: nothing was changed. */
  const cancel = () => leave(false);
  const notify = useSession((s) => s.notify);
  // The agent as one of the company's people is told as «usted».
  const isMe = useIsAgentPerson();
  const callWords = useInteractionWords().bar;
  const ids = {
    title: useId(),
    description: useId(),
    error: useId(),
    rutError: useId(),
    rutHint: useId(),
    // The fields a confirm pressed too soon may take the agent to (missingParts).
    caller: useId(),
    facts: useId(),
    rut: useId(),
    capacity: useId(),
    person: useId(),
    modules: useId(),
    modulesHint: useId(),
    role: useId(),
    roleHint: useId(),
    reason: useId(),
    reasonHint: useId(),
    dismissConfirm: useId(),
  };
  const personFieldId = (key: string) => `${ids.person}-${key}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Every field of every kind; each form shows the ones it needs.
  // Who may ask now, and who is listed on the page but cannot (yet): one rule for every change.
  const callers = company.callers.filter((c) => c.cannotAsk === null);
  const cannotAsk = company.callers.filter((c) => c.cannotAsk !== null);
  // The person on the call when they may ask, or the only one who may; otherwise nobody until
  // the agent chooses (the first of several, picked for them, had the agent check the wrong
  // person's facts and the audit name the wrong requester).
  // (Not when someone else calls in their name: then they are not on the line.)
  const onCall = useSession((s) =>
    s.interaction?.onBehalf ? null : (s.interaction?.personRut ?? null),
  );
  // Taken now, the change stays on this desk for a while: the dialog says so (as ActionDialog).
  const heldIn = useHeldIn();
  // Someone listed who cannot ask yet is on the line: nobody else is chosen for them.
  const onCallCannotAsk = cannotAsk.find((c) => c.person.rut === onCall) ?? null;
  // Who of a company asked for an earlier change in this call (walk 58 L3): still on the line.
  const askedEarlier = useSession(
    (s) =>
      s.interaction?.actions.findLast((action) => action.requestedBy)?.requestedBy?.rut ?? null,
  );
  // Someone else on the line, who may not ask for the company (walk 59a: Tomás on the call, and
  // Marcela, its only administrator, chosen for him): nobody is chosen, and it is said why. Not
  // the person whose own access it is (userCannotAsk says it), nor after one of the company asked
  // earlier in this call.
  const onCallName = useSession((s) =>
    s.interaction?.onBehalf ? null : s.interaction?.personName,
  );
  // The person whose access, profile or modules it is, on the line (review 59 M1: asking
  // «Cambiar perfil» for herself had the company's only administrator chosen for her).
  const userOnCall = 'userRut' in dialog && onCall !== null && dialog.userRut === onCall;
  const onCallOutsider =
    onCall !== null &&
    askedEarlier === null &&
    !callers.some((c) => c.person.rut === onCall) &&
    !onCallCannotAsk &&
    !userOnCall;
  const [callerRut, setCallerRut] = useState(
    () =>
      callers.find((c) => c.person.rut === onCall)?.person.rut ??
      callers.find((c) => c.person.rut === askedEarlier)?.person.rut ??
      (callers.length === 1 && !onCallCannotAsk && !onCallOutsider && !userOnCall
        ? callers[0]!.person.rut
        : ''),
  );
  // Why a listed person cannot ask: said of the one on the line when it is one of them; not at
  // all when the one on the line may ask; of each of them when the call names nobody listed.
  const cannotAskShown = onCallCannotAsk
    ? [onCallCannotAsk]
    : callers.some((c) => c.person.rut === onCall)
      ? []
      : cannotAsk;
  const [facts, setFacts] = useState<IdentityFact[]>([]);
  // A rejection the register decides comes with its reason written (CompanyPane).
  const [reason, setReason] = useState(dialog.kind === 'reject' ? (dialog.reason ?? '') : '');
  const [rut, setRut] = useState('');
  // No default: a capacity preselected would be recorded as what a requester claimed unasked.
  const [capacity, setCapacity] = useState<
    'legal_representative' | 'authorized_signatory' | 'other' | ''
  >('');
  const [role, setRole] = useState<'company_user' | 'access_admin'>('company_user');
  // «Cambiar perfil»: the profiles her membership may go to (profileChangeRefusal, as main).
  const [newRole, setNewRole] = useState<MembershipRole | ''>('');
  const rolesOffered =
    dialog.kind === 'role'
      ? profileChangesFrom(dialog.from, {
          onEmpresas: isOnEmpresas(company.portals),
          adherent: company.adherent,
        })
      : [];
  const [person, setPerson] = useState({
    givenNames: '',
    lastName1: '',
    lastName2: '',
    email: '',
    phone: '',
  });
  const [modules, setModules] = useState<string[]>(dialog.kind === 'modules' ? dialog.modules : []);
  const [noModules, setNoModules] = useState(false);
  // A dismissal cannot be undone here: the agent confirms who and where, explicitly.
  const [dismissConfirmed, setDismissConfirmed] = useState(false);
  // Who the typed RUT belongs to, for that RUT (a lookup answered for an older one is ignored).
  const [found, setFound] = useState<(LookupAnswer & { rut: string }) | null>(null);
  // The company's portal's modules, and any the user holds from before (to keep or take away).
  const held = dialog.kind === 'modules' ? dialog.modules : [];
  const moduleChoices = [
    ...new Set([...modulesOffered({ onEmpresas: isOnEmpresas(company.portals) }), ...held]),
  ];

  const caller = callers.find((c) => c.person.rut === callerRut) ?? null;
  // Every form a caller dictates, the body alone included (rule 1).
  const rutField = readRutField(rut);
  const rutValid = rutField.ok;
  const typedRut = rutField.ok ? (rutField.rut ?? '') : '';
  const typesRut = dialog.kind === 'record' || dialog.kind === 'add';
  useEffect(() => {
    if (!typesRut || typedRut === '') return;
    let current = true;
    call('companies.lookupPerson', { companyRut: company.rut, rut: typedRut })
      .then((answer) => {
        if (current) setFound({ ...answer, rut: typedRut });
      })
      .catch(() => {
        // Unknown is the safe answer: the dialog then asks for the person's data.
        if (current) {
          setFound({
            known: false,
            name: null,
            membership: null,
            loginAccount: null,
            rut: typedRut,
          });
        }
      });
    return () => {
      current = false;
    };
  }, [typesRut, typedRut, company.rut]);
  const lookup = found && found.rut === typedRut ? found : null;
  // Who is on the line for this change, as main sees it (run-action `onLine`): the company's
  // caller, or the requester. Someone calling in that person's name cannot ask for it (seed 000:
  // «el acceso es personal»): said before sending, as in every action dialog.
  const interaction = useSession((s) => s.interaction);
  const lineRut = needsCaller(dialog)
    ? callerRut
    : dialog.kind === 'record'
      ? typedRut
      : 'requesterRut' in dialog
        ? dialog.requesterRut
        : '';
  const lineName = needsCaller(dialog)
    ? (caller?.person.name ?? null)
    : dialog.kind === 'record'
      ? (lookup?.name ?? null)
      : 'requesterName' in dialog
        ? dialog.requesterName
        : null;
  const bodyOf = (rut: string | null) => (rut ? (readRut(rut)?.body ?? null) : null);
  const spokenFor =
    interaction?.onBehalf &&
    lineRut !== '' &&
    speaksFor(
      { onBehalf: interaction.onBehalf, personRut: bodyOf(interaction.personRut) },
      bodyOf(lineRut),
    )
      ? interaction.onBehalf
      : null;
  // Rule 13: a company's users are its workers or outsiders — not a box to tick, what the
  // lookup says (main and the central decide it the same way).
  const external = lookup?.membership?.role !== 'worker';
  // A person the desk does not know: only then are their data asked for (and required).
  const companyRutTyped = lookup?.known === false && looksLikeCompanyRut(typedRut);
  const newPersonNeeded = dialog.kind === 'add' && lookup?.known === false && !companyRutTyped;
  // A company profile is not given twice; at ACHS a company user may be appointed administrator
  // (addsProfile, as main and the central decide it).
  const profileHeld = lookup?.membership ?? null;
  const empresasHere = isOnEmpresas(company.portals);
  const hasProfile =
    profileHeld !== null && !addsProfile(profileHeld, 'access_admin', { onEmpresas: empresasHere });
  const appointOnly =
    profileHeld !== null &&
    !hasProfile &&
    !addsProfile(profileHeld, role, { onEmpresas: empresasHere });
  const missing = missingParts();
  if (needsCaller(dialog)) {
    if (callers.length === 0) missing.add(t.dialog.missingAnyCaller);
    else if (!caller) missing.add(t.dialog.missingCaller, ids.caller);
    else if (facts.length < IDENTITY_FACTS_REQUIRED)
      missing.add(dialogMessages.missingFacts(IDENTITY_FACTS_REQUIRED - facts.length), ids.facts);
  }
  const asksReason = dialog.kind === 'reject' || dialog.kind === 'role' || isUserChange(dialog);
  if (dialog.kind === 'role' && newRole === '')
    missing.add(dialogMessages.missingOtherRole, ids.role);
  if (asksReason && reason.trim().length < 3) {
    missing.add(dialogMessages.missingReason, ids.reason);
  }
  if ((dialog.kind === 'record' || dialog.kind === 'add') && (rut.trim() === '' || !rutValid)) {
    missing.add(t.dialog.missingRut, ids.rut);
  }
  if (typesRut && rutValid && typedRut !== '' && !lookup) {
    missing.add(t.dialog.missingLookup, ids.rut);
  }
  if (dialog.kind === 'record' && capacity === '')
    missing.add(t.dialog.missingCapacity, ids.capacity);
  if (dialog.kind === 'add' && companyRutTyped) missing.add(t.dialog.missingPersonRut, ids.rut);
  if (dialog.kind === 'record' && lookup?.known === false) {
    missing.add(t.dialog.missingKnownRequester, ids.rut);
  }
  if (dialog.kind === 'record' && lookup?.known && pendingRequestOf(company, typedRut)) {
    missing.add(t.dialog.missingNotPending, ids.rut);
  }
  if (dialog.kind === 'add' && hasProfile) missing.add(t.dialog.missingNotProfile, ids.rut);
  if (dialog.kind === 'add' && appointOnly) missing.add(t.dialog.missingAppointOnly, ids.role);
  // ACHS rule 9: a new access administrator is appointed by a legal representative, so only one
  // may ask for it (an administrator may ask for company users). Said as soon as it applies.
  const adminNeedsRepresentative =
    dialog.kind === 'add' &&
    role === 'access_admin' &&
    !isOnEmpresas(company.portals) &&
    caller !== null &&
    caller.as !== 'legal_representative';
  if (adminNeedsRepresentative) missing.add(t.dialog.missingRepresentative, ids.caller);
  // An administrator does not widen their own access (grantsToSelf, as main and the central
  // decide it): said as soon as they are the user to be added, given access back or a module.
  const userRut = dialog.kind === 'add' ? typedRut : 'userRut' in dialog ? dialog.userRut : '';
  const widens =
    dialog.kind === 'add' ||
    (isUserChange(dialog) && COMPANY_USER_CHANGES[dialog.kind].to === 'active') ||
    (dialog.kind === 'modules' && modules.some((module) => !dialog.modules.includes(module)));
  const selfGrant =
    caller !== null &&
    userRut !== '' &&
    grantsToSelf(
      { personRut: bodyOf(caller.person.rut) ?? 0, as: caller.as },
      bodyOf(userRut) ?? -1,
      widens,
    );
  if (selfGrant) missing.add(t.dialog.missingNotSelf, ids.caller);
  // The company's legal representative (by its register: he may hold only a worker's access,
  // his baja asked from his record): only he asks to take his own access away
  // (shieldsRepresentative, as main and the central decide it) — said as the dialog opens.
  const takesRepresentativeAccess =
    isUserChange(dialog) &&
    COMPANY_USER_CHANGES[dialog.kind].to !== 'active' &&
    company.signatories.some(
      (s) => s.person.rut === dialog.userRut && s.kind === 'legal_representative',
    );
  // The person whose access it is, on the call and not one who may ask: told what to answer.
  const userOnCallCannotAsk = userOnCall && !callers.some((c) => c.person.rut === onCall);
  const representativeShielded =
    takesRepresentativeAccess &&
    caller !== null &&
    shieldsRepresentative(
      { personRut: bodyOf(dialog.userRut) ?? -1, legalRepresentative: true },
      { personRut: bodyOf(caller.person.rut), administersCompany: true },
      { toState: COMPANY_USER_CHANGES[dialog.kind].to },
    );
  if (representativeShielded) missing.add(t.dialog.missingRepresentativeHimself, ids.caller);
  // Nor his modules: only he asks to take one away (another may ask to give him one), and never
  // an agent who administers the company (shieldsRepresentative, as main and the central decide).
  const modulesUser =
    dialog.kind === 'modules'
      ? (company.profiles.find((p) => p.person.rut === dialog.userRut) ?? null)
      : null;
  const dropsModule = dialog.kind === 'modules' && held.some((m) => !modules.includes(m));
  const modulesAgentShielded =
    dropsModule && modulesUser !== null && !modulesUser.can.dropModules.allowed;
  const modulesShielded =
    dropsModule &&
    caller !== null &&
    modulesUser?.legalRepresentative === true &&
    shieldsRepresentative(
      { personRut: bodyOf(modulesUser.person.rut) ?? -1, legalRepresentative: true },
      { personRut: bodyOf(caller.person.rut), administersCompany: true },
      { modulesFrom: held, modulesTo: modules },
    );
  if (modulesAgentShielded) missing.add(t.dialog.missingModulesAgent, ids.modules);
  else if (modulesShielded) missing.add(t.dialog.missingModulesHimself, ids.caller);
  // A person not yet registered: what main requires of them is said here, in Spanish, before
  // sending (never the browser's own, English, bubbles).
  const newPersonTyped = Object.values(person).some((value) => value.trim() !== '');
  const emailInvalid = newPersonNeeded && newPersonTyped && normalizeEmail(person.email) === null;
  // What is wrong with a typed address, beside it (an empty one is said in «Falta: …»).
  const emailSaid = emailInvalid && person.email.trim() !== '';
  const phoneInvalid =
    newPersonNeeded && person.phone.trim() !== '' && normalizeMobile(person.phone) === null;
  if (newPersonNeeded && (person.givenNames.trim() === '' || person.lastName1.trim() === '')) {
    missing.add(
      t.dialog.missingNames,
      personFieldId(person.givenNames.trim() === '' ? 'givenNames' : 'lastName1'),
    );
  }
  // Names are letters (main tidies and checks them the same way: tidyPersonName).
  const notAName = (['givenNames', 'lastName1', 'lastName2'] as const).find(
    (key) => tidyPersonName(person[key]) === null,
  );
  if (newPersonNeeded && notAName)
    missing.add(t.dialog.missingNameLetters, personFieldId(notAName));
  if (newPersonNeeded && (emailInvalid || person.email.trim() === '')) {
    missing.add(t.dialog.missingEmail, personFieldId('email'));
  }
  if (phoneInvalid) missing.add(t.dialog.missingPhone, personFieldId('phone'));
  // A company user with no module can use nothing: one module, or the agent confirms — unless
  // he keeps some he holds there (a worker given a profile, a company user appointed).
  const keptModules = profileHeld?.modules ?? [];
  const asksNoModules = dialog.kind === 'add' && modules.length === 0 && keptModules.length === 0;
  if (asksNoModules && !noModules) {
    missing.add(t.dialog.missingModules, ids.modules);
  }
  if (dialog.kind === 'dismiss' && !dismissConfirmed) {
    missing.add(dialogMessages.missingDismissal, ids.dismissConfirm);
  }
  if (spokenFor) missing.add(callWords.onBehalf.refusedMissing);
  const blocked = busy || missing.parts.length > 0;

  const callerPart = () => ({
    callerRut,
    callerIdentityCheck: facts,
  });

  async function send(): Promise<CompanyActionResult> {
    const companyRut = company.rut;
    if (isUserChange(dialog)) {
      return call('companyUsers.change', {
        companyRut,
        userRut: dialog.userRut,
        change: dialog.kind,
        reason,
        ...callerPart(),
      });
    }
    switch (dialog.kind) {
      case 'approve':
      case 'reject':
        return call('requests.decide', {
          requesterRut: dialog.requesterRut,
          companyRut,
          decision: dialog.kind,
          reason,
        });
      case 'record':
        // `blocked` keeps the button off until a capacity is chosen.
        return call('requests.record', {
          requesterRut: typedRut,
          companyRut,
          capacity: capacity === '' ? 'other' : capacity,
        });
      case 'add': {
        return call('companyUsers.add', {
          companyRut,
          userRut: typedRut,
          role,
          modules,
          external,
          newPerson: newPersonNeeded ? { ...person, phone: person.phone.trim() || null } : null,
          ...callerPart(),
        });
      }
      case 'modules':
        return call('companyUsers.setModules', {
          companyRut,
          userRut: dialog.userRut,
          modules,
          ...callerPart(),
        });
      case 'role': {
        // `blocked` keeps the button off until a profile is chosen.
        const receipt = await call('memberships.changeRole', {
          rut: dialog.userRut,
          companyRut,
          role: newRole === '' ? dialog.from.role : newRole,
          reason,
          // As her record reads now (read again behind this page when a sync moves it), not as it
          // was when the dialog opened: a retry after «stale» would never pass (review 59 M2).
          expectedVersion:
            useApp
              .getState()
              .record?.memberships.find(
                (m) =>
                  readRut(m.companyRut)?.body === readRut(companyRut)?.body &&
                  readRut(useApp.getState().record?.rut ?? '')?.body ===
                    readRut(dialog.userRut)?.body,
              )?.version ?? dialog.expectedVersion,
          ...callerPart(),
        });
        return { ...receipt, mailsQueued: 0 };
      }
    }
  }

  const doneText = (
    { mailsQueued }: CompanyActionResult,
    company: CompanyRecord,
    held: boolean,
  ): string => {
    if (isUserChange(dialog)) return t.done[dialog.kind](dialog.userName);
    switch (dialog.kind) {
      case 'approve':
        // Her access, if disabled or paused, stays so (rule 11): said.
        return t.done.approve(
          mailsQueued > 0,
          company.profiles.find(
            (p) => readRut(p.person.rut)?.body === readRut(dialog.requesterRut)?.body,
          )?.state,
          held,
        );
      case 'reject':
        return t.done.reject;
      case 'record':
        return t.done['requests.record'];
      case 'add': {
        // What came of it: an outsider (whatever the box said), and whether the mail was queued.
        const added = company.profiles.find(
          (p) => readRut(p.person.rut)?.body === readRut(typedRut)?.body,
        );
        return t.done['companyUsers.add']({
          // ACHS: a company user of the company made its administrator is appointed, not added.
          appointed: profileHeld?.role === 'company_user' && added?.role === 'access_admin',
          external: added?.external ?? external,
          onEmpresas: isOnEmpresas(company.portals),
          mailQueued: mailsQueued > 0,
          held,
          // A disabled or paused access stays so (rule 11): said, not left to be found.
          state: added?.state,
          // Rule 2: ACHS Gestión is entered once registered there (walk 59a).
          // A new person is not registered anywhere; a failed lookup says nothing (review 59 L4).
          loginAccount: newPersonNeeded ? 'not_registered' : (lookup?.loginAccount ?? undefined),
        });
      }
      case 'modules':
        return t.done['companyUsers.setModules'];
      case 'role':
        return actionDialogTexts.role.done(dialog.userName, company.legalName);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    setBusy(true);
    setError(null);
    const openCall = useSession.getState().interaction;
    const taken =
      openCall && openCall.personRut === null && lineRut !== ''
        ? personLabel(lineName, lineRut)
        : null;
    try {
      const result = await send();
      // Taken: the page as the action left it (if that read fails, or the agent has left the
      // page meanwhile, what is said comes from the page as it was).
      await useCompany.getState().refresh();
      const now = useCompany.getState().company;
      const after = now?.rut === company.rut ? now : company;
      leave(true);
      // The results' badges follow (a request approved, an access resumed).
      useApp.getState().refreshResults();
      // Taken while this desk cannot sync, it is done here only: the toast says when it arrives.
      const held = await heldAfterPush();
      const done = doneText(result, after, held);
      const said = !held
        ? done
        : dialog.kind === 'approve' || dialog.kind === 'add'
          ? heldMessages.after(done)
          : heldMessages.done(done);
      // A call opened with nobody named is now about whoever asked (main did it): said.
      notify(taken ? `${said} ${callWords.callerTaken(taken)}` : said);
      void useSession.getState().refreshSync();
      void useSession.getState().refreshInteraction();
    } catch (failure) {
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : dialogMessages.failed);
      // «Se recargó»: the record behind the page, and the page, are read again, so the next try
      // goes with what is there now.
      if (failure instanceof ApiError && failure.code === 'stale') {
        void useApp.getState().reloadRecord();
        void useCompany.getState().refresh();
      }
    }
  };

  const field = (label: string, input: ReactNode, hint?: string) => (
    <div className="field">
      {label && <span className="field-label">{label}</span>}
      {input}
      {hint && <span className="hint">{hint}</span>}
    </div>
  );
  const text = (
    key: keyof typeof person,
    label: string,
    type: 'text' | 'email' | 'tel' = 'text',
  ) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        id={personFieldId(key)}
        // An e-mail as typed: Chromium hands a type="email" field's accented domain over as
        // punycode (gmáil.com → xn--gmil-6na.com), which passes the check and receives nothing.
        type={type === 'email' ? 'text' : type}
        inputMode={type === 'email' ? 'email' : undefined}
        spellCheck={type === 'text' ? undefined : false}
        value={person[key]}
        maxLength={key === 'email' ? 200 : key === 'phone' ? 30 : 100}
        aria-invalid={(key === 'email' && emailInvalid) || (key === 'phone' && phoneInvalid)}
        aria-describedby={emailSaid && key === 'email' ? `${personFieldId(key)}-error` : undefined}
        onChange={(event) => setPerson({ ...person, [key]: event.target.value })}
      />
    </label>
  );
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

  return (
    <Modal titleId={ids.title} descriptionId={ids.description} wide busy={busy} close={cancel}>
      <h2 id={ids.title}>{titleOf(dialog, company)}</h2>
      <p id={ids.description} className="muted">
        {descriptionOf(dialog, company)}
      </p>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ActionNotices
          heldIn={heldIn}
          onBehalf={spokenFor}
          askedByCompany
          sendsMail={sendsMail(dialog, company)}
        />
        {takesRepresentativeAccess && onCall !== dialog.userRut && (
          <p className="notice notice-warn">{t.dialog.representativeHimself(dialog.userName)}</p>
        )}
        {needsCaller(dialog) && onCallOutsider && callers.length > 0 && (
          <p className="notice notice-warn">
            {t.dialog.onCallCannotAsk(
              onCallName ?? null,
              callers.map((c) => nameOr(c.person)),
            )}
          </p>
        )}
        {userOnCallCannotAsk && (
          <p className="notice notice-warn">
            {t.dialog.userCannotAsk(
              'userName' in dialog ? dialog.userName : '',
              callers.map((c) => nameOr(c.person)),
              dialog.kind === 'role' ? 'role' : dialog.kind === 'modules' ? 'modules' : 'access',
            )}
          </p>
        )}
        {needsCaller(dialog) && company.callers.length === 0 && (
          <p className="notice notice-warn">
            {t.dialog.noCallers(company.adherent, waitingSignatory(company))}
          </p>
        )}
        {needsCaller(dialog) &&
          cannotAskShown.map((c) => (
            <p key={c.person.rut} className="notice notice-warn">
              {t.dialog.cannotAsk(isMe(c.person.rut) ? null : nameOr(c.person), c.cannotAsk!)}
            </p>
          ))}
        {needsCaller(dialog) &&
          (callers.length === 0 ? null : (
            <fieldset className="identity">
              <legend>{t.dialog.callerLegend}</legend>
              <label className="field">
                <span className="field-label">{t.dialog.caller}</span>
                <select
                  id={ids.caller}
                  value={callerRut}
                  onChange={(event) => {
                    setCallerRut(event.target.value);
                    setFacts([]);
                  }}
                >
                  <option value="" disabled>
                    {t.dialog.callerPlaceholder}
                  </option>
                  {callers.map((c) => (
                    <option key={c.person.rut} value={c.person.rut}>
                      {callerLabel(c, company)}
                    </option>
                  ))}
                </select>
              </label>
              {/* The facts to tick are the chosen caller's: said once there is one. */}
              {caller && <p className="hint">{t.dialog.callerHint(IDENTITY_FACTS_REQUIRED)}</p>}
              {caller && (
                <IdentityFactChecks
                  facts={caller.identityFacts}
                  checked={facts}
                  toggle={(fact) => setFacts(toggle(facts, fact))}
                  phoneNoProofUntil={caller.phoneNoProofUntil}
                  prompts={CALLER_PROMPTS}
                  id={ids.facts}
                />
              )}
              {selfGrant && (
                <p className="notice notice-warn">{ruleMessages['caller_grants_self']!({})}</p>
              )}
            </fieldset>
          ))}

        {(dialog.kind === 'record' || dialog.kind === 'add') && (
          // The field is named by its label alone; whose the RUT is, or what is wrong with it,
          // describes it (a label wrapping them read them all as its name).
          <div className="field">
            <label htmlFor={ids.rut} className="field-label">
              {dialog.kind === 'record' ? t.dialog.requester : t.dialog.userRut}
            </label>
            <input
              id={ids.rut}
              value={rut}
              onChange={(event) => setRut(event.target.value)}
              aria-invalid={!rutValid}
              aria-describedby={
                !rutValid ? ids.rutError : typedRut !== '' ? ids.rutHint : undefined
              }
              placeholder="12.345.678-5"
            />
            {!rutField.ok && (
              <span id={ids.rutError} className="field-error">
                {rutField.error}
              </span>
            )}
            {rutValid && typedRut !== '' && (
              <span id={ids.rutHint} className="hint" aria-live="polite">
                {rutHint(dialog.kind === 'add', lookup, company, typedRut)}
              </span>
            )}
          </div>
        )}

        {dialog.kind === 'record' &&
          field(
            '',
            <label className="field">
              <span className="field-label">{t.dialog.capacity}</span>
              <select
                id={ids.capacity}
                value={capacity}
                onChange={(event) => setCapacity(event.target.value as typeof capacity)}
              >
                <option value="" disabled>
                  {t.dialog.capacityPlaceholder}
                </option>
                {(
                  Object.keys(requestCapacityLabels) as Array<keyof typeof requestCapacityLabels>
                ).map((key) => (
                  <option key={key} value={key}>
                    {requestCapacityLabels[key]}
                  </option>
                ))}
              </select>
            </label>,
            t.dialog.capacityHint,
          )}

        {dialog.kind === 'add' && (
          <>
            {newPersonNeeded && (
              <>
                <div className="field-row">
                  {text('givenNames', t.dialog.givenNames)}
                  {text('lastName1', t.dialog.lastName1)}
                  {text('lastName2', t.dialog.lastName2)}
                </div>
                <div className="field-row">
                  {text('email', t.dialog.email, 'email')}
                  {text('phone', t.dialog.phone, 'tel')}
                </div>
                {/* Out of the label: its name stays «Correo»; read as the field's description. */}
                {emailSaid && (
                  <p id={`${personFieldId('email')}-error`} className="field-error">
                    {dialogMessages.invalidEmailFor(person.email)}
                  </p>
                )}
              </>
            )}
            <label className="field">
              <span className="field-label">{t.dialog.role}</span>
              <select
                id={ids.role}
                value={role}
                onChange={(event) => setRole(event.target.value as typeof role)}
              >
                <option value="company_user">{t.dialog.roles.company_user}</option>
                <option value="access_admin">{t.dialog.roles.access_admin}</option>
              </select>
            </label>
            {adminNeedsRepresentative && (
              <p className="notice notice-warn">{t.dialog.adminNeedsRepresentative}</p>
            )}
          </>
        )}

        {dialog.kind === 'role' && (
          <div className="field">
            <label htmlFor={ids.role} className="field-label">
              {dialogMessages.roleLabel}
            </label>
            <select
              id={ids.role}
              value={newRole}
              onChange={(event) => setNewRole(event.target.value as MembershipRole | '')}
              aria-describedby={rolesOffered.includes('access_admin') ? undefined : ids.roleHint}
            >
              <option value="">{t.dialog.rolePlaceholder(roleLabels[dialog.from.role])}</option>
              {rolesOffered.map((value) => (
                <option key={value} value={value}>
                  {roleLabels[value]}
                </option>
              ))}
            </select>
            {!rolesOffered.includes('access_admin') && (
              <p id={ids.roleHint} className="muted small">
                {dialogMessages.roleAdminHint(isOnEmpresas(company.portals))}
              </p>
            )}
          </div>
        )}

        {(dialog.kind === 'add' || dialog.kind === 'modules') && (
          <fieldset id={ids.modules}>
            <legend>{t.dialog.modules}</legend>
            {!company.adherent && (
              <p className="notice notice-warn" id={ids.modulesHint}>
                {t.dialog.modulesNotAdherent}
              </p>
            )}
            {modulesUser?.legalRepresentative && (
              <p className={dropsModule ? 'notice notice-warn' : 'hint'}>
                {modulesUser.can.dropModules.allowed
                  ? t.dialog.representativeModules
                  : deniedMessages[modulesUser.can.dropModules.reason]}
              </p>
            )}
            {moduleChoices.map((key) => (
              <label key={key} className="check">
                <input
                  type="checkbox"
                  checked={modules.includes(key)}
                  // Rule 6 (modulesGrantableAt): only a module held before may be ticked here.
                  disabled={!modulesGrantableAt(company, held, [...modules, key])}
                  aria-describedby={company.adherent ? undefined : ids.modulesHint}
                  onChange={() => setModules(toggle(modules, key))}
                />
                {moduleLabels[key] ?? key}
              </label>
            ))}
          </fieldset>
        )}
        {asksNoModules && (
          <label className="check">
            <input type="checkbox" checked={noModules} onChange={() => setNoModules(!noModules)} />
            {t.dialog.noModules}
          </label>
        )}

        {asksReason && (
          // The label names the field alone: its hint describes it, and what is left is said
          // beside it (a live region inside a label would rename the field as it counts).
          <div className="field">
            <label htmlFor={ids.reason} className="field-label">
              {t.dialog.reason}
            </label>
            <textarea
              id={ids.reason}
              rows={2}
              // The contract's Reason: longer is refused by main (as every reason field caps it).
              maxLength={REASON_MAX}
              value={reason}
              aria-describedby={dialog.kind === 'reject' ? ids.reasonHint : undefined}
              onChange={(event) => setReason(event.target.value)}
            />
            <LengthLeft value={reason} max={REASON_MAX} />
            {dialog.kind === 'reject' && (
              <span id={ids.reasonHint} className="hint">
                {t.dialog.rejectReasonHint}
              </span>
            )}
          </div>
        )}

        {dialog.kind === 'dismiss' && (
          <ConfirmCheck
            id={ids.dismissConfirm}
            className="check confirmation"
            checked={dismissConfirmed}
            onChange={setDismissConfirmed}
          >
            {dialogMessages.dismissalConfirm(dialog.userName, company.legalName)}
          </ConfirmCheck>
        )}

        {error && <ErrorNotice id={ids.error}>{error}</ErrorNotice>}
        <DialogFooter
          cancel={t.dialog.cancel}
          onCancel={cancel}
          cancelDisabled={busy}
          submit={SUBMIT_LABELS[dialog.kind]}
          submitDisabled={blocked}
          missing={missing.parts.length > 0 ? dialogMessages.missing(missing.parts) : null}
          goTo={missing.goTo}
          // An approval has nothing to fill: the register already decided it can be approved.
          mayWait={dialog.kind !== 'approve'}
        />
      </form>
    </Modal>
  );
}
