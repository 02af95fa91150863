import { useId, useState, type FormEvent } from 'react';
import {
  DATA_REQUEST_CHANNELS,
  DATA_RIGHTS,
  forwardedForDecision,
  IDENTITY_METHODS,
  identityMethodFits,
  MIN_DETAIL_LENGTH,
  RECEIVED_ON_MAX_DAYS_BACK,
  TITULAR_NAME_MAX,
  titularNameFits,
  WRITTEN_CHANNELS,
  firstDueDate,
  receivedOnFits,
  type DataRequestChannel,
  type DataRight,
  type IdentityMethod,
} from '../../../shared/rules/data-requests';
import { IDENTITY_FACTS_REQUIRED, speaksFor, type IdentityFact } from '../../../shared/policy';
import {
  dataRequestLabels as labels,
  dataRequestMessages as t,
  dialogMessages,
  onBehalfText,
  ruleMessages,
} from '../../../shared/messages';
import { formatDay, santiagoDate } from '../../../shared/format';
import { looksLikeDayInput, parseDayInput } from '../../../shared/audit-details';
import { ApiError, call } from '../api/client';
import { displayRut } from '../components/display';
import { IdentityFactChecks } from '../components/IdentityFactChecks';
import { Modal } from '../components/Modal';
import { DialogFooter } from '../components/DialogFooter';
import { missingParts } from '../components/ConfirmButton';
import { useSession } from '../session-store';
import { useApp } from '../store';
import { useDataRequests, type RecordingFor } from './data-request-store';
import { ErrorNotice } from '../components/ErrorNotice';
import { LengthLeft } from '../components/LengthLeft';
import { ConfirmCheck } from '../components/ConfirmCheck';

/**
 * Records a Ley 21.719 request for the person on screen: the right, the channel, how identity
 * was established (required: no default), and what exactly is asked.
 */
export function RecordRequestDialog({ person }: { person: RecordingFor }) {
  const close = useDataRequests((s) => s.close);
  const changed = useDataRequests((s) => s.changed);
  const notify = useSession((s) => s.notify);
  // A supervisor is not told to tell her supervisor (walk 59b).
  const isSupervisor = useSession((s) => s.session?.role === 'supervisor');
  const refreshInteraction = useSession((s) => s.refreshInteraction);
  const [right, setRight] = useState<DataRight>('access');
  const [channel, setChannel] = useState<DataRequestChannel>('phone');
  const [method, setMethod] = useState<IdentityMethod | ''>('');
  const [facts, setFacts] = useState<IdentityFact[]>([]);
  const [detail, setDetail] = useState('');
  // Someone the system holds nothing of: the name they give (titularWithoutDataRefusal).
  const [titularName, setTitularName] = useState('');
  const today = santiagoDate(new Date());
  // A request in writing: the day it arrived (art. 11's term runs from it), today unless changed.
  const [receivedText, setReceivedText] = useState(formatDay(today));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lateConfirmed, setLateConfirmed] = useState(false);
  const ids = {
    title: useId(),
    right: useId(),
    channel: useId(),
    method: useId(),
    facts: useId(),
    detail: useId(),
    detailHint: useId(),
    received: useId(),
    receivedHint: useId(),
    late: useId(),
    factsNote: useId(),
    rule: useId(),
    name: useId(),
  };
  // Said before the agent submits, as the action dialogs do; main checks it all again.
  const tooFewFacts = person.identityFacts.length < IDENTITY_FACTS_REQUIRED;
  // A representative on the line (interactions.setCaller): facts they answer prove nothing.
  const representative = useSession((s) =>
    s.interaction?.onBehalf && speaksFor(s.interaction, person.rut) ? s.interaction.onBehalf : null,
  );
  const missing = missingParts();
  if (!person.held && !titularNameFits(titularName)) {
    missing.add(t.withoutRecord.missingName, ids.name);
  }
  // A block needs an open request to stand on, and none standing (main refuses it otherwise).
  if (right === 'blocking' && person.blockWaits !== null) {
    missing.add(
      person.blockWaits === 'no_request'
        ? t.missingBlockable
        : t.missingNotBlocked(person.blockWaits.already),
      ids.right,
    );
  }
  if (method === '') missing.add(t.missingMethod, ids.method);
  else if (representative && method === 'facts') missing.add(t.missingRepresentative, ids.method);
  else if (!identityMethodFits(method, channel)) {
    missing.add(
      method === 'facts'
        ? t.missingFactsChannel
        : method === 'clave_unica'
          ? t.missingClaveUnicaPortal
          : t.missingCardInPerson,
      ids.method,
    );
  }
  if (method === 'facts' && facts.length < IDENTITY_FACTS_REQUIRED) {
    missing.add(dialogMessages.missingFacts(IDENTITY_FACTS_REQUIRED - facts.length), ids.facts);
  }
  if (detail.trim().length < MIN_DETAIL_LENGTH) {
    missing.add(t.missingDetail(MIN_DETAIL_LENGTH), ids.detail);
  }
  const written = WRITTEN_CHANNELS.includes(channel);
  const parsedReceived = written ? parseDayInput(receivedText) : today;
  const receivedOn =
    parsedReceived === null || parsedReceived === 'invalid' ? null : parsedReceived;
  // More than 30 days back: most likely a typo (the year), recorded only once confirmed true.
  const late = receivedOn !== null && receivedOnFits(channel, receivedOn, today) === 'too_old';
  const receivedFits =
    receivedOn === null ? 'invalid' : receivedOnFits(channel, receivedOn, today, lateConfirmed);
  // Its term, counted from the day it arrived (shown once the day fits).
  const dueOnReceived =
    receivedFits === 'ok' && receivedOn !== null ? firstDueDate(right, receivedOn) : null;
  if (receivedFits === 'invalid') {
    // Written as a date, but one no calendar has: said so, not «write it as dd-mm-aaaa».
    missing.add(
      looksLikeDayInput(receivedText)
        ? t.missingReceivedOn.noSuchDay(receivedText.trim())
        : t.missingReceivedOn.invalid,
      ids.received,
    );
  } else if (receivedFits === 'future') missing.add(t.missingReceivedOn.future, ids.received);
  else if (receivedFits === 'too_old') {
    missing.add(t.missingReceivedOn.too_old(RECEIVED_ON_MAX_DAYS_BACK), ids.late);
  }
  const blockedText = missing.parts.length > 0 ? dialogMessages.missing(missing.parts) : null;

  const toggle = (fact: IdentityFact) =>
    setFacts((current) =>
      current.includes(fact) ? current.filter((f) => f !== fact) : [...current, fact],
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || blockedText) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('dataRequests.record', {
        rut: person.rut,
        right,
        channel,
        identityMethod: method === '' ? null : method,
        identityFacts: method === 'facts' ? facts : [],
        detail,
        // Only a request in writing is dated back; a call or a visit is received today.
        receivedOn: written && receivedOn !== today ? receivedOn : null,
        lateConfirmed: late && lateConfirmed,
        titularName: person.held ? null : titularName.trim(),
      });
      // Recorded: the record as it left it (its block, its requests), if still on this person.
      if (person.held) await useApp.getState().showActed(person.rut, result.actionId);
      close();
      changed();
      notify(t.recorded(result.request.number, formatDay(result.request.dueDate), channel));
      void refreshInteraction();
      void useSession.getState().refreshSync();
    } catch (failure) {
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : dialogMessages.failed);
    }
  };

  return (
    <Modal titleId={ids.title} wide busy={busy} close={close}>
      <form onSubmit={submit} noValidate>
        <h2 id={ids.title}>{t.recordTitle}</h2>
        <p className="muted">{t.recordIntro}</p>
        {representative && (
          <p className="notice notice-warn" role="note">
            {t.representative(onBehalfText(representative))}
          </p>
        )}
        {person.held ? (
          <p>
            <strong>{t.person}:</strong> {person.name}{' '}
            <span className="rut small">{displayRut(person.rut)}</span>
          </p>
        ) : (
          <>
            <p className="notice" role="note">
              {t.withoutRecord.note}
            </p>
            <p>
              <strong>{t.person}:</strong>{' '}
              <span className="rut small">{displayRut(person.rut)}</span>
            </p>
            <div className="field">
              <label htmlFor={ids.name}>{t.withoutRecord.name}</label>
              <input
                id={ids.name}
                value={titularName}
                maxLength={TITULAR_NAME_MAX}
                autoComplete="off"
                onChange={(event) => setTitularName(event.target.value)}
              />
            </div>
          </>
        )}
        <div className="field-row">
          <div className="field">
            <label htmlFor={ids.right}>{t.right}</label>
            <select
              id={ids.right}
              value={right}
              onChange={(event) => setRight(event.target.value as DataRight)}
            >
              {/* Nothing to block of someone the system holds nothing of. */}
              {DATA_RIGHTS.filter((value) => person.held || value !== 'blocking').map((value) => (
                <option key={value} value={value}>
                  {labels.rights[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.channel}>{t.channel}</label>
            <select
              id={ids.channel}
              value={channel}
              onChange={(event) => setChannel(event.target.value as DataRequestChannel)}
            >
              {DATA_REQUEST_CHANNELS.map((value) => (
                <option key={value} value={value}>
                  {labels.channels[value]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.method}>{t.identityMethod}</label>
          <select
            id={ids.method}
            value={method}
            aria-describedby={method === 'facts' && tooFewFacts ? ids.factsNote : undefined}
            onChange={(event) => setMethod(event.target.value as IdentityMethod | '')}
          >
            <option value="">{t.identityChoose}</option>
            {/* No registered facts to compare for someone the system holds nothing of. */}
            {IDENTITY_METHODS.filter((value) => person.held || value !== 'facts').map((value) => (
              <option key={value} value={value}>
                {labels.identityMethods[value]}
              </option>
            ))}
          </select>
        </div>
        {written && (
          <div className="field">
            <label htmlFor={ids.received}>{t.receivedOn}</label>
            <input
              id={ids.received}
              value={receivedText}
              inputMode="numeric"
              aria-describedby={ids.receivedHint}
              aria-invalid={receivedFits === 'ok' ? undefined : true}
              onChange={(event) => setReceivedText(event.target.value)}
            />
            <span id={ids.receivedHint} className="muted small">
              {t.receivedOnHint}
              {dueOnReceived !== null && <> {t.dueWouldBe(formatDay(dueOnReceived))}</>}
            </span>
          </div>
        )}
        {written && late && (
          <ConfirmCheck id={ids.late} checked={lateConfirmed} onChange={setLateConfirmed}>
            {t.lateConfirm(RECEIVED_ON_MAX_DAYS_BACK)}
          </ConfirmCheck>
        )}
        {written && dueOnReceived !== null && dueOnReceived <= today && (
          <p className="notice notice-warn" role="note">
            {dueOnReceived < today
              ? t.duePassed(formatDay(dueOnReceived), isSupervisor)
              : t.dueToday(isSupervisor)}
          </p>
        )}
        {method === 'facts' && (
          <fieldset id={ids.facts} className="identity">
            <legend>{dialogMessages.identityLegend(IDENTITY_FACTS_REQUIRED)}</legend>
            {tooFewFacts && (
              <p id={ids.factsNote} className="muted small identity-note">
                {t.factsTooFew(IDENTITY_FACTS_REQUIRED)}
              </p>
            )}
            <IdentityFactChecks
              facts={person.identityFacts}
              checked={facts}
              toggle={toggle}
              phoneNoProofUntil={person.phoneNoProofUntil}
            />
          </fieldset>
        )}
        <div className="field">
          <label htmlFor={ids.detail}>{t.detail}</label>
          <textarea
            id={ids.detail}
            rows={3}
            maxLength={2000}
            value={detail}
            aria-describedby={ids.detailHint}
            onChange={(event) => setDetail(event.target.value)}
          />
          <LengthLeft value={detail} max={2000} />
          <span id={ids.detailHint} className="muted small">
            {t.detailHint}
          </span>
        </div>
        {right === 'blocking' && (
          <p className="notice notice-warn">
            {person.blockWaits === 'no_request'
              ? ruleMessages['data_request_block_without_request']!({})
              : person.blockWaits !== null
                ? ruleMessages['person_already_blocked']!({ number: person.blockWaits.already })
                : t.blockingNote}
          </p>
        )}
        {forwardedForDecision(right) && <p className="notice notice-warn">{t.forwardNote}</p>}
        <p id={ids.rule} className="muted small">
          {t.deadlineRule}
        </p>
        {error && <ErrorNotice>{error}</ErrorNotice>}
        <DialogFooter
          cancel={t.cancel}
          onCancel={close}
          submit={busy ? dialogMessages.saving : t.submit}
          submitDisabled={busy || blockedText !== null}
          missing={blockedText}
          goTo={missing.goTo}
        />
      </form>
    </Modal>
  );
}
