import { useId, useState, type FormEvent } from 'react';
import {
  dataRequestMessages,
  dialogMessages,
  heldMessages,
  notAppliedMessages,
} from '../../../shared/messages';
import { formatPhone, looksLikeFixedLine } from '../../../shared/phone';
import {
  IDENTITY_FACTS_REQUIRED,
  normalizeEmail,
  normalizeMobile,
  refusedOnBehalf,
  type IdentityFact,
} from '../../../shared/policy';
import { ApiError } from '../api/client';
import { useSession, type DialogSpec } from '../session-store';
import { IdentityFactChecks } from '../components/IdentityFactChecks';
import { Modal } from '../components/Modal';
import { DialogFooter } from '../components/DialogFooter';
import { missingParts } from '../components/ConfirmButton';
import { heldAfterPush, unappliedAfterPush } from '../components/held-after-push';
import { useHeldIn } from '../components/use-held-in';
import { ActionNotices } from '../components/ActionNotices';
import { personLabel } from '../components/display';
import { useInteractionWords } from '../components/interaction-words';
import { useApp } from '../store';
import { ErrorNotice } from '../components/ErrorNotice';
import { LengthLeft } from '../components/LengthLeft';
import { REASON_MAX } from '../../../shared/policy';

/** Confirms one action: asks for what it needs, says what went wrong, loses nothing typed. */
export function ActionDialog() {
  const spec = useSession((s) => s.dialog);
  // A new action starts from a fresh form.
  return spec ? <DialogForm key={spec.title} spec={spec} /> : null;
}

function DialogForm({ spec }: { spec: DialogSpec }) {
  const close = useSession((s) => s.closeDialog);
  const notify = useSession((s) => s.notify);
  const refreshInteraction = useSession((s) => s.refreshInteraction);
  const words = useInteractionWords().bar;
  const reloadRecord = useApp((s) => s.reloadRecord);
  // Taken now, the action stays on this desk for a while: the dialog and the toast say so.
  const heldIn = useHeldIn();
  // Someone calling in this person's name may not ask for this (seed 000: «el acceso es
  // personal»): said at once, and the button waits for the person (main refuses it too).
  const onBehalf = useSession((s) =>
    s.interaction?.onBehalf && refusedOnBehalf(s.interaction, spec.personRut, spec.action)
      ? s.interaction.onBehalf
      : null,
  );
  // An action on someone else than the open call's person goes into that call: said before it
  // is confirmed (and in the toast after).
  const elsewhere = useSession((s) =>
    s.interaction?.personRut && s.interaction.personRut !== spec.personRut
      ? personLabel(s.interaction.personName, s.interaction.personRut)
      : null,
  );
  const storedPhone = spec.phone ? formatPhone(spec.phone) : '';
  const [email, setEmail] = useState(spec.email ?? '');
  const [phone, setPhone] = useState(storedPhone);
  const [reason, setReason] = useState('');
  const [ticked, setFacts] = useState<IdentityFact[]>([]);
  // Ley 21.719: the rectification request the change answers (required while blocked).
  const [dataRequest, setDataRequest] = useState<string>(
    spec.dataRequestRequired ? (spec.dataRequests?.[0]?.number ?? '') : '',
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = {
    title: useId(),
    description: useId(),
    identity: useId(),
    email: useId(),
    emailError: useId(),
    phone: useId(),
    phoneError: useId(),
    reason: useId(),
    reasonSeen: useId(),
    identityNote: useId(),
    dataRequest: useId(),
  };

  // Emptied, an e-mail the person has is removed: never (rule 2: no e-mail, no registration).
  const emailRemoved = spec.email !== undefined && spec.email !== null && email.trim() === '';
  const emailInvalid =
    (spec.email !== undefined && email.trim() !== '' && normalizeEmail(email) === null) ||
    emailRemoved;
  // The number as stored counts as valid even when it is not a mobile: it is not being changed.
  const phoneUnchanged = phone.trim() === storedPhone;
  const phoneInvalid =
    spec.phone !== undefined &&
    phone.trim() !== '' &&
    !phoneUnchanged &&
    normalizeMobile(phone) === null;
  const emailChanged =
    spec.email !== undefined && email.trim().toLowerCase() !== (spec.email ?? '');
  // The facts as the record shows them now: a change to the person while the dialog is open (a
  // new mobile, which proves nothing for a day) takes its fact away here too, and its tick.
  const liveFacts = useApp((s) =>
    spec.identityFacts && s.record?.rut === spec.personRut ? s.record.identityFacts : null,
  );
  const identityFacts = liveFacts ?? spec.identityFacts ?? [];
  const facts = ticked.filter((fact) => identityFacts.some((view) => view.fact === fact));
  const identityRequired = spec.identity && (spec.email === undefined || emailChanged);
  const identityNote =
    identityFacts.length < IDENTITY_FACTS_REQUIRED
      ? spec.email !== undefined
        ? dialogMessages.identityTooFewEmail(IDENTITY_FACTS_REQUIRED)
        : dialogMessages.identityTooFew(IDENTITY_FACTS_REQUIRED)
      : spec.email !== undefined
        ? dialogMessages.identityOptional
        : null;
  const missing = missingParts();
  if (identityRequired && facts.length < IDENTITY_FACTS_REQUIRED) {
    missing.add(dialogMessages.missingFacts(IDENTITY_FACTS_REQUIRED - facts.length), ids.identity);
  }
  // Every field typed wrong is named with the rest, in the order of the dialog.
  if (emailInvalid) {
    missing.add(
      emailRemoved ? dialogMessages.missingEmailKept : dialogMessages.missingValidEmail,
      ids.email,
    );
  }
  if (phoneInvalid) missing.add(dialogMessages.missingValidPhone, ids.phone);
  // Nothing changed: said before saving, not as «No hay cambios que guardar» after it.
  if (
    spec.action === 'person.update_contact' &&
    !emailChanged &&
    phoneUnchanged &&
    !emailInvalid &&
    !phoneInvalid
  ) {
    missing.add(
      spec.email === null ? dialogMessages.missingNewEmail : dialogMessages.missingAnyChange,
      ids.email,
    );
  }
  if (spec.reason === 'required' && reason.trim().length < 3) {
    missing.add(dialogMessages.missingReason, ids.reason);
  }
  if (onBehalf) missing.add(words.onBehalf.refusedMissing);
  const blocked = busy || missing.parts.length > 0;
  const blockedText = missing.parts.length > 0 ? dialogMessages.missing(missing.parts) : null;
  const goTo = missing.goTo;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    setBusy(true);
    setError(null);
    try {
      const result = await spec.submit({
        email: email.trim(),
        // Stored as E.164 whatever way it was typed; the unchanged number goes back as stored.
        phone: phoneUnchanged ? (spec.phone ?? '') : (normalizeMobile(phone) ?? phone.trim()),
        reason,
        identityCheck: facts,
        dataRequest: dataRequest === '' ? null : dataRequest,
      });
      // Taken: the record as it left it if the agent is still on this person; this dialog closes
      // if still open.
      await useApp.getState().showActed(spec.personRut, result.actionId);
      if (useSession.getState().dialog === spec) close();
      // Said once the action reached the central API, or is known to wait here.
      const waits = await heldAfterPush();
      const { interaction } = useSession.getState();
      const held = waits && !spec.doneSaysQueued;
      // A mail asked while the desk cannot sync: where it is, and that it may never go.
      // A new address held here: its confirmation goes only if the action arrives in time, as
      // the dialog said.
      const newAddressHeld =
        held &&
        spec.action === 'person.update_contact' &&
        emailChanged &&
        spec.confirmsNewAddress === true;
      // Left this desk: whether the central applied it, or not (a conflict, a refusal).
      const unapplied = waits ? null : await unappliedAfterPush(result.actionId);
      const done = unapplied
        ? notAppliedMessages[unapplied]
        : held
          ? `${heldMessages.done(spec.done)}${newAddressHeld ? ` ${heldMessages.mailFreshness}` : ''}`
          : waits && spec.action === 'mail.resend'
            ? heldMessages.mailDone
            : spec.done;
      // An action on someone else than the open call's person still goes into that call: said.
      // A call opened with nobody named takes this person as its caller (main does it): said.
      const where = !interaction
        ? null
        : interaction.personRut === null
          ? words.callerTaken(personLabel(spec.personName, spec.personRut)!)
          : interaction.personRut !== spec.personRut
            ? words.attachedElsewhere(personLabel(interaction.personName, interaction.personRut)!)
            : null;
      notify(where ? `${done} ${where}` : done);
      void refreshInteraction();
      void useSession.getState().refreshSync();
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError) {
        setError(failure.message);
        // The record moved on (a version, or a fact offered here): read it again.
        if (failure.code === 'stale' || failure.code === 'rule') void reloadRecord();
      } else {
        setError(dialogMessages.failed);
      }
    }
  };

  const toggle = (fact: IdentityFact) =>
    setFacts((current) =>
      current.includes(fact) ? current.filter((f) => f !== fact) : [...current, fact],
    );

  return (
    <Modal
      titleId={ids.title}
      // «Se enviará a …»: read with the title when the dialog opens.
      descriptionId={spec.description ? ids.description : undefined}
      wide={Boolean(spec.identity)}
      busy={busy}
      close={close}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={ids.title}>{spec.title}</h2>
        {spec.description && (
          <p id={ids.description} className="muted">
            {spec.description}
          </p>
        )}
        <ActionNotices
          heldIn={heldIn}
          onBehalf={onBehalf}
          // A new e-mail is confirmed by a mail of its own (with an active account to confirm).
          sendsMail={
            spec.action === 'mail.resend' ||
            (spec.action === 'person.update_contact' &&
              emailChanged &&
              spec.confirmsNewAddress === true)
          }
          elsewhere={elsewhere}
        />

        {/* Always here, first: the check comes before the change, and nothing below moves. */}
        {spec.identity && (
          <fieldset
            id={ids.identity}
            className="identity"
            aria-describedby={identityNote ? ids.identityNote : undefined}
          >
            <legend>{dialogMessages.identityLegend(IDENTITY_FACTS_REQUIRED)}</legend>
            {identityNote && (
              <p id={ids.identityNote} className="muted small identity-note">
                {identityNote}
              </p>
            )}
            <IdentityFactChecks
              facts={identityFacts}
              checked={facts}
              toggle={toggle}
              phoneNoProofUntil={spec.phoneNoProofUntil}
            />
          </fieldset>
        )}

        {spec.email !== undefined && (
          <div className="field">
            <label htmlFor={ids.email}>{dialogMessages.emailLabel}</label>
            <input
              id={ids.email}
              // Not type="email": Chromium hands its accented domain over as punycode
              // (gmáil.com → xn--gmil-6na.com), which passes the check and receives nothing.
              type="text"
              inputMode="email"
              spellCheck={false}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={emailInvalid}
              aria-describedby={emailInvalid ? ids.emailError : undefined}
              autoComplete="off"
            />
            {emailInvalid && (
              <span id={ids.emailError} className="field-error">
                {emailRemoved
                  ? dialogMessages.emailCannotBeRemoved
                  : dialogMessages.invalidEmailFor(email)}
              </span>
            )}
          </div>
        )}
        {spec.phone !== undefined && (
          <div className="field">
            <label htmlFor={ids.phone}>{dialogMessages.phoneLabel}</label>
            <input
              id={ids.phone}
              type="tel"
              value={phone}
              placeholder={dialogMessages.phonePlaceholder}
              onChange={(event) => setPhone(event.target.value)}
              onBlur={() => {
                const mobile = normalizeMobile(phone);
                if (mobile) setPhone(formatPhone(mobile));
              }}
              aria-invalid={phoneInvalid}
              aria-describedby={phoneInvalid ? ids.phoneError : undefined}
              autoComplete="off"
            />
            {phoneInvalid && (
              <span id={ids.phoneError} className="field-error">
                {looksLikeFixedLine(phone)
                  ? dialogMessages.fixedLinePhone
                  : dialogMessages.invalidPhone}
              </span>
            )}
          </div>
        )}
        {spec.dataRequests && spec.dataRequests.length > 0 && (
          <div className="field">
            <label htmlFor={ids.dataRequest}>{dataRequestMessages.rectifyLink}</label>
            <select
              id={ids.dataRequest}
              value={dataRequest}
              onChange={(event) => setDataRequest(event.target.value)}
            >
              {!spec.dataRequestRequired && (
                <option value="">{dataRequestMessages.rectifyNone}</option>
              )}
              {spec.dataRequests.map((option) => (
                <option key={option.number} value={option.number}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {spec.reason === 'required' && (
          <div className="field">
            <label htmlFor={ids.reason}>{dialogMessages.reasonLabel}</label>
            <textarea
              id={ids.reason}
              value={reason}
              rows={2}
              maxLength={REASON_MAX}
              aria-describedby={ids.reasonSeen}
              onChange={(event) => setReason(event.target.value)}
            />
            <LengthLeft value={reason} max={REASON_MAX} />
            <span id={ids.reasonSeen} className="hint">
              {dialogMessages.reasonSeen}
            </span>
          </div>
        )}

        {error && <ErrorNotice>{error}</ErrorNotice>}
        <DialogFooter
          cancel={dialogMessages.cancel}
          onCancel={close}
          submit={busy ? dialogMessages.saving : spec.confirmLabel}
          submitDisabled={blocked}
          missing={blockedText}
          goTo={goTo}
        />
      </form>
    </Modal>
  );
}
