import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Interaction } from '../../../shared/contract';
import type { InteractionOutcome, InteractionReason } from '../../../shared/policy';
import {
  CALL_DISCARD_MS,
  CALL_NOTES_MAX,
  INTERACTION_OUTCOMES,
  INTERACTION_REASONS,
  notesRequired,
  PENDING_NOTES_MIN,
} from '../../../shared/policy';
import {
  followUpMessages,
  interactionOutcomeLabels,
  interactionReasonLabels,
} from '../../../shared/messages';
import { FOLLOW_UP_OUTCOMES } from '../../../shared/rules/follow-up';
import { ApiError, call } from '../api/client';
import { useSession } from '../session-store';
import { useApp } from '../store';
import { useCompany } from '../company/company-store';
import { fullName } from '../../../shared/format';
import { readRut } from '../../../shared/rut';
import { personLabel } from '../components/display';
import { DataRequestCallButton } from '../data-requests/PersonDataProtection';
import { useInteractionWords } from '../components/interaction-words';
import { CallOnBehalf } from './CallOnBehalf';
import { ConfirmButton } from '../components/ConfirmButton';
import { useDraft } from '../components/use-draft';
import { LengthLeft } from '../components/LengthLeft';

/**
 * The search box, where the next caller starts (Ctrl+K), with the last caller's text selected so
 * the next RUT typed replaces it; null when it is not on screen.
 */
function visibleSearchBox(): { focus: () => void } | null {
  const box = document.querySelector<HTMLInputElement>('input[role="combobox"]');
  if (!box || box.offsetParent === null) return null;
  return {
    focus: () => {
      box.focus();
      box.select();
    },
  };
}

/**
 * The person whose record is on screen: none on another screen or while a company's page is
 * shown (the last record opened is still kept, but the bar offers nothing for someone unseen).
 */
function usePersonOnScreen() {
  const record = useApp((s) => s.record);
  const onSearch = useSession((s) => s.view === 'search');
  const companyShown = useCompany((s) => s.rut !== null);
  return onSearch && !companyShown ? record : null;
}

/**
 * A RUT the caller dictated that nobody here has (rule 5, «RUT no registrado»), said by the
 * search with no record open: the call is filed under it, so «Llamadas» finds it by that RUT.
 * Not an officer's RUT outside his companies: whether it exists is not his to learn.
 */
function useDictatedRut(): string | null {
  const rut = useApp(
    (s) =>
      s.notices.find((n) => n.code === 'rut_not_found' || n.code === 'rut_not_synced_yet')?.rut ??
      null,
  );
  const open = useApp((s) => s.recordRut !== null);
  const onSearch = useSession((s) => s.view === 'search');
  const companyShown = useCompany((s) => s.rut !== null);
  return onSearch && !companyShown && !open ? rut : null;
}

/** The same RUT, however it is written. */
const sameRut = (a: string | null, b: string | null) =>
  a !== null && b !== null && readRut(a)?.body === readRut(b)?.body;

/**
 * The call in progress: open one for the caller on screen with a reason the agent picks (there
 * is no default), correct the reason while it lasts, close it with an outcome and notes. After
 * an action taken with no call open, it offers to open one for that person.
 */
export function CallBar() {
  const { bar: t } = useInteractionWords();
  const interaction = useSession((s) => s.interaction);
  const setInteraction = useSession((s) => s.setInteraction);
  const refreshInteraction = useSession((s) => s.refreshInteraction);
  const notify = useSession((s) => s.notify);
  const nudge = useSession((s) => s.lastActionOutsideCall);
  const dismissNudge = useSession((s) => s.dismissNudge);
  const record = usePersonOnScreen();
  const reloadRecord = useApp((s) => s.reloadRecord);
  const [reason, setReason] = useState<InteractionReason | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const focusAfterClose = useRef(false);
  /** Opened from this bar: the focus goes on to the open call's «Cerrar llamada…», not the page. */
  const [justOpened, setJustOpened] = useState(false);

  // The offer is about the person the action was on: it goes once another record is open, and
  // shows only while theirs is on screen (never two «Abrir llamada» for two people).
  const rutOnScreen = record?.rut ?? null;
  useEffect(() => {
    if (nudge && rutOnScreen !== null && rutOnScreen !== nudge.rut) dismissNudge();
  }, [nudge, rutOnScreen, dismissNudge]);
  const offer = nudge && rutOnScreen === nudge.rut ? nudge : null;
  // The caller of the call just closed, and whoever's record was open when it closed (looked up
  // in it, perhaps behind a company's page: walk 59a), are no one to name in the next call: it
  // would be filed under them. Another record opened, and the bar names its person again.
  const [closedFor, setClosedFor] = useState<readonly string[]>([]);
  const closedWith = (rut: string | null) => closedFor.some((closed) => sameRut(closed, rut));
  // Adjusted while rendering (React's pattern for state that follows a prop), not in an effect.
  if (closedFor.length > 0 && rutOnScreen !== null && !closedWith(rutOnScreen)) setClosedFor([]);
  const person = record !== null && !closedWith(record.rut) ? record : null;
  // Nobody on screen for a RUT dictated: the call named by it (not again once closed).
  const typed = useDictatedRut();
  const dictated = person === null && typed !== null && !closedWith(typed) ? typed : null;

  const failed = (failure: unknown) =>
    setError(failure instanceof ApiError ? failure.message : t.failed);

  // A call just closed: focus goes where the next caller starts, not to the page body.
  useEffect(() => {
    if (interaction || !focusAfterClose.current) return;
    focusAfterClose.current = false;
    (visibleSearchBox() ?? openRef.current)?.focus();
  }, [interaction]);

  const open = async (rut: string | null) => {
    setError(null);
    if (reason === '') {
      setReasonMissing(true);
      setError(t.reasonRequired);
      reasonRef.current?.focus();
      return;
    }
    try {
      const opened = await call('interactions.open', { rut, reason });
      // Opened for nobody while the last call's person is still on screen (or behind another
      // screen): the new call starts clean, so nothing done next lands on them and files this
      // call under them (walk 60a M3: a reset mail went to the previous caller).
      const lingering = useApp.getState().record;
      if (rut === null && lingering && closedWith(lingering.rut)) {
        // A company's page in front stays (the new call may be about it); the record behind
        // it goes all the same (review 60 L2).
        if (useCompany.getState().rut) useApp.getState().forgetRecord();
        else {
          useApp.getState().closeRecord();
          useApp.getState().setText('');
        }
      }
      setJustOpened(true);
      setInteraction(opened);
      setReason('');
      notify(t.opened);
    } catch (failure) {
      failed(failure);
    }
  };

  if (interaction) {
    return (
      <OpenCall
        interaction={interaction}
        onScreen={person ? { rut: person.rut, name: fullName(person) } : null}
        dictated={dictated}
        focusClose={justOpened}
        onFocused={() => setJustOpened(false)}
        onReason={async (next) => {
          try {
            setInteraction(
              await call('interactions.setReason', { id: interaction.id, reason: next }),
            );
            notify(t.reasonChanged(interactionReasonLabels[next]));
          } catch (failure) {
            // Closed meanwhile (another window): say why here too, the bar then shows what is
            // true now.
            failed(failure);
            void refreshInteraction();
            throw failure;
          }
        }}
        onClosed={(discarded) => {
          setError(null);
          // Whoever the call named, and whoever's record was open (on screen or behind a
          // company's page), was looked up in it. One discarded was no call: whoever is on
          // screen may still be the next caller.
          if (!discarded) {
            const looked = [interaction.personRut, useApp.getState().recordRut, dictated];
            setClosedFor(looked.filter((rut): rut is string => rut !== null));
          }
          focusAfterClose.current = true;
          setInteraction(null);
          notify(discarded ? t.discarded : t.closed);
          void reloadRecord();
        }}
      />
    );
  }

  const onScreen = person
    ? personLabel(fullName(person), person.rut)
    : dictated
      ? personLabel(null, dictated)
      : null;
  return (
    <div className="callbar" role="region" aria-label={t.region}>
      <label htmlFor="call-reason">{t.reason}</label>
      <select
        id="call-reason"
        ref={reasonRef}
        value={reason}
        required
        aria-invalid={reasonMissing}
        aria-describedby={error ? 'call-error' : undefined}
        onChange={(event) => {
          setReason(event.target.value as InteractionReason);
          setReasonMissing(false);
          setError(null);
        }}
        // F2, a letter to pick the reason, Enter: the call opens (the first keys of every call),
        // instead of the list unfolding and taking the RUT typed next as its own search.
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || reason === '' || event.altKey) return;
          event.preventDefault();
          void open(person?.rut ?? dictated ?? null);
        }}
      >
        <option value="" disabled>
          {t.reasonPlaceholder}
        </option>
        {INTERACTION_REASONS.map((value) => (
          <option key={value} value={value}>
            {interactionReasonLabels[value]}
          </option>
        ))}
      </select>
      <button
        type="button"
        ref={openRef}
        onClick={() => void open(person?.rut ?? dictated ?? null)}
      >
        {t.open(onScreen)}
      </button>
      <DataRequestCallButton record={record} />
      {error && (
        <span id="call-error" className="field-error" role="alert">
          {error}
        </span>
      )}
      <div className="callbar-nudge">
        {/* The question is said after the action's confirmation, without its buttons' names
            (read as part of it, they made a long announcement of the two). */}
        <span aria-live="polite">{offer ? t.nudge(personLabel(offer.name, offer.rut)!) : ''}</span>
        {offer && (
          <>
            <button type="button" className="primary" onClick={() => void open(offer.rut)}>
              {t.nudgeOpen}
            </button>
            <button
              type="button"
              onClick={() => {
                dismissNudge();
                // Its buttons go with it: the focus goes back to what was being worked on.
                (
                  document.querySelector<HTMLElement>('section.record[tabindex="-1"]') ??
                  document.querySelector<HTMLElement>('input[role="combobox"]')
                )?.focus();
              }}
            >
              {t.nudgeDismiss}
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** Quiet time after the last choice in the open call's «Motivo» before it is saved. */
const REASON_SETTLE_MS = 800;

/**
 * A list whose every saved choice is audited: on a closed <select> each arrow key chooses, so a
 * keyboard user passing through three reasons on the way to the fourth recorded four changes.
 * The choice is saved once it settles (REASON_SETTLE_MS without another), when the list loses
 * the focus, or when the bar goes; a list brought back to the saved value saves nothing.
 */
function useSettledChoice<T extends string>(saved: T, save: (value: T) => void) {
  const [shown, setShown] = useState(saved);
  const latest = useRef(saved);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });
  // What the desk says follows, unless the agent is choosing.
  useEffect(() => {
    if (timer.current !== null) return;
    latest.current = saved;
    setShown(saved);
  }, [saved]);
  const flush = useCallback(() => {
    if (timer.current === null) return;
    clearTimeout(timer.current);
    timer.current = null;
    saveRef.current(latest.current);
  }, []);
  useEffect(() => flush, [flush]);
  const choose = (value: T) => {
    latest.current = value;
    setShown(value);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(flush, REASON_SETTLE_MS);
  };
  return { shown, choose, flush };
}

function OpenCall({
  interaction,
  onScreen,
  dictated,
  onReason,
  onClosed,
  focusClose,
  onFocused,
}: {
  interaction: Interaction;
  /** Whose record is on screen, unless it is the caller of the call just closed (closedFor). */
  onScreen: { rut: string; name: string } | null;
  /** A RUT dictated that nobody here has, with no record open. */
  dictated: string | null;
  onReason: (reason: InteractionReason) => Promise<void>;
  /** `discarded`: opened by mistake and discarded, not closed as a call. */
  onClosed: (discarded: boolean) => void;
  focusClose: boolean;
  onFocused: () => void;
}) {
  const { bar: t } = useInteractionWords();
  const record = usePersonOnScreen();
  const setInteraction = useSession((s) => s.setInteraction);
  const refreshInteraction = useSession((s) => s.refreshInteraction);
  const notify = useSession((s) => s.notify);
  // The close form as the agent left it survives a reload (use-draft.ts): open, its outcome, its
  // notes; forgotten once the call is closed.
  const [closingDraft, setClosingDraft, clearClosing] = useDraft<'' | 'open'>(
    `call-closing:${interaction.id}`,
    '',
  );
  const closing = closingDraft === 'open';
  const setClosing = (open: boolean) => setClosingDraft(open ? 'open' : '');
  // No default: «Resuelto» preselected would be recorded for a call nobody judged.
  const [outcome, setOutcome, clearOutcome] = useDraft<InteractionOutcome | ''>(
    `call-outcome:${interaction.id}`,
    '',
  );
  const [outcomeMissing, setOutcomeMissing] = useState(false);
  const [notes, setNotes, clearNotes] = useDraft<string>(`call-notes:${interaction.id}`, '');
  // Opened before the caller was found, nothing done in it: it closes under whom the screen names
  // (unless the agent unticks it), so «Llamadas» and the record find it.
  const fileable =
    interaction.personRut === null
      ? onScreen
        ? { rut: onScreen.rut, label: personLabel(onScreen.name, onScreen.rut)! }
        : dictated
          ? { rut: dictated, label: personLabel(null, dictated)! }
          : null
      : null;
  const [fileIt, setFileIt] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const reason = useSettledChoice(interaction.reason, (next) => {
    if (next === interaction.reason) return;
    onReason(next).catch((failure: unknown) =>
      setError(failure instanceof ApiError ? failure.message : t.failed),
    );
  });
  const [busy, setBusy] = useState(false);
  const outcomeRef = useRef<HTMLSelectElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);

  // Just opened: with the caller on screen, the focus goes on to closing the call; opened before
  // the caller is found, to the search box, where the agent goes next.
  useEffect(() => {
    if (!focusClose) return;
    ((interaction.personRut === null ? visibleSearchBox() : null) ?? closeRef.current)?.focus();
    onFocused();
  }, [focusClose, onFocused, interaction.personRut]);

  // Opening the close form puts the agent on its first field; going back, on the button again.
  useEffect(() => {
    if (!moved.current) return;
    (closing ? outcomeRef.current : closeRef.current)?.focus();
  }, [closing]);

  const toggle = (next: boolean) => {
    moved.current = true;
    setError(null);
    setOutcomeMissing(false);
    setClosing(next);
    // What became of its actions since (a sync's conflicts, refusals), before it is judged.
    if (next) void refreshInteraction();
  };

  // Closed as resolved while some of its actions did not apply: said, not refused (the agent may
  // know the caller got in all the same).
  const unsettled = interaction.actions.filter(
    (a) => a.sync === 'conflict' || a.sync === 'rejected',
  ).length;
  const unsettledShown = outcome === 'resolved' && unsettled > 0;
  // …or that have not reached the central API yet (offline): the portal does not have them.
  const waiting = interaction.actions.filter((a) => a.sync === 'pending').length;
  const waitingShown = outcome === 'resolved' && !unsettledShown && waiting > 0;
  // Something still pending (not resolved): the notes say what, before the call can close.
  const notesMissing =
    outcome !== '' &&
    notesRequired(outcome, interaction.actions.length) &&
    notes.trim().length < PENDING_NOTES_MIN;
  // Handed over or to call back: it will wait in the list until someone says what was done.
  const followUpShown = outcome !== '' && FOLLOW_UP_OUTCOMES.includes(outcome);
  const notesWhy = outcome === 'resolved' ? t.missingResolvedNotes : t.missingPendingNotes;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || notesMissing) return;
    if (outcome === '') {
      setOutcomeMissing(true);
      setError(t.outcomeRequired);
      outcomeRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('interactions.close', {
        id: interaction.id,
        outcome,
        notes,
        ...(fileable && fileIt ? { rut: fileable.rut } : {}),
      });
      clearClosing();
      clearOutcome();
      clearNotes();
      onClosed(false);
    } catch (failure) {
      // Nothing typed is lost: the notes stay for another try.
      setBusy(false);
      setError(failure instanceof ApiError ? failure.message : t.failed);
    }
  };

  // Opened by mistake, nothing done in it, in its first minutes: discarded, not closed (main
  // refuses one later, saying to close it). The button goes when that time is up.
  const [discardable, setDiscardable] = useState(
    () => Date.now() - Date.parse(interaction.openedAt) < CALL_DISCARD_MS,
  );
  useEffect(() => {
    const left = CALL_DISCARD_MS - (Date.now() - Date.parse(interaction.openedAt));
    if (left <= 0) return;
    const timer = setTimeout(() => setDiscardable(false), left);
    return () => clearTimeout(timer);
  }, [interaction.openedAt]);
  const discard = async () => {
    setError(null);
    try {
      await call('interactions.discard', { id: interaction.id });
      clearClosing();
      clearOutcome();
      clearNotes();
      onClosed(true);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.failed);
    }
  };

  const caller = personLabel(interaction.personName, interaction.personRut);
  const reasonRef = useRef<HTMLSelectElement>(null);
  // Opened for the wrong person (a namesake, the previous caller still on screen): while nothing
  // is done in it, the person on screen may take it.
  // Not the caller of the call just closed, whose record is still there (closedFor).
  const movable =
    onScreen !== null && onScreen.rut !== interaction.personRut && interaction.actions.length === 0;
  const moveTo = async (rut: string) => {
    setError(null);
    try {
      const moved = await call('interactions.setPerson', { id: interaction.id, rut });
      setInteraction(moved);
      notify(t.movedTo(personLabel(moved.personName, moved.personRut)!));
      // Its button is gone with the move: the focus stays in the bar, on the call's reason
      // (unless the agent has gone on meanwhile), once the bar has drawn without it.
      requestAnimationFrame(() => {
        if (document.activeElement === null || document.activeElement === document.body) {
          reasonRef.current?.focus();
        }
      });
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t.failed);
    }
  };
  return (
    <div className="callbar callbar-open" role="region" aria-label={t.region}>
      <span>
        <strong>{t.inProgress}</strong>
        {caller && ` · ${caller}`} · {t.actions(interaction.actions.length)}
      </span>
      <label htmlFor="call-reason">{t.reason}</label>
      <select
        id="call-reason"
        ref={reasonRef}
        value={reason.shown}
        aria-describedby={error ? 'call-error' : undefined}
        onChange={(event) => {
          setError(null);
          reason.choose(event.target.value as InteractionReason);
        }}
        onBlur={reason.flush}
      >
        {INTERACTION_REASONS.map((value) => (
          <option key={value} value={value}>
            {interactionReasonLabels[value]}
          </option>
        ))}
      </select>
      {!closing && (
        <button type="button" ref={closeRef} onClick={() => toggle(true)}>
          {t.close}
        </button>
      )}
      {!closing && <DataRequestCallButton record={record} />}
      {!closing && discardable && interaction.actions.length === 0 && (
        <button type="button" onClick={() => void discard()}>
          {t.discard}
        </button>
      )}
      {!closing && movable && (
        <button type="button" onClick={() => void moveTo(onScreen.rut)}>
          {t.moveTo(personLabel(onScreen.name, onScreen.rut)!)}
        </button>
      )}
      {/* A visit is face to face: only a call may have someone else on the line (main refuses
          it for a visit too, by the kind the interaction stored when it opened). */}
      {!closing && interaction.kind !== 'visit' && (
        <CallOnBehalf interaction={interaction} onScreen={onScreen} onError={setError} />
      )}
      {error && (
        <span id="call-error" className="field-error" role="alert">
          {error}
        </span>
      )}
      {closing && (
        <form
          className="callbar-close"
          // The missing outcome is said in Spanish beside the bar, not by the browser's bubble.
          noValidate
          onSubmit={submit}
          // Esc leaves the form as «Seguir en la llamada» does (what was typed stays), and the
          // record beneath stays open. Ctrl+Enter saves and closes, from the notes too, as it
          // confirms every dialog (F1).
          onKeyDown={(event) => {
            if (busy) return;
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              // As a click: a save that waits says what is missing and goes to it
              // (ConfirmButton), as the button does; a bare submit did nothing.
              event.currentTarget
                .querySelector<HTMLButtonElement>('button[type="submit"]:not(:disabled)')
                ?.click();
            } else if (event.key === 'Escape') {
              event.preventDefault();
              toggle(false);
            }
          }}
        >
          <label htmlFor="call-outcome">{t.outcome}</label>
          <select
            id="call-outcome"
            ref={outcomeRef}
            value={outcome}
            required
            aria-invalid={outcomeMissing}
            aria-describedby={
              outcomeMissing
                ? 'call-error'
                : unsettledShown
                  ? 'call-unsettled'
                  : waitingShown
                    ? 'call-waiting'
                    : followUpShown
                      ? 'call-follow-up'
                      : undefined
            }
            onChange={(event) => {
              setOutcome(event.target.value as InteractionOutcome);
              setOutcomeMissing(false);
              setError(null);
            }}
          >
            <option value="" disabled>
              {t.outcomePlaceholder}
            </option>
            {INTERACTION_OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {interactionOutcomeLabels[value]}
              </option>
            ))}
          </select>
          {unsettledShown && (
            <span id="call-unsettled" className="warn-text small">
              {t.unsettled(unsettled)}
            </span>
          )}
          {waitingShown && (
            <span id="call-waiting" className="muted small">
              {t.notYetApplied(waiting)}
            </span>
          )}
          {followUpShown && (
            <span id="call-follow-up" className="muted small">
              {followUpMessages.closeHint(t.listTitle)}
            </span>
          )}
          <label htmlFor="call-notes">{t.notes}</label>
          <textarea
            id="call-notes"
            rows={3}
            value={notes}
            maxLength={CALL_NOTES_MAX}
            placeholder={t.notesHint}
            aria-describedby={
              [notesMissing ? 'call-notes-missing' : null, 'call-notes-left']
                .filter(Boolean)
                .join(' ') || undefined
            }
            onChange={(event) => setNotes(event.target.value)}
          />
          <LengthLeft id="call-notes-left" value={notes} max={CALL_NOTES_MAX} />
          {fileable ? (
            <label className="check">
              <input
                type="checkbox"
                checked={fileIt}
                onChange={(event) => setFileIt(event.target.checked)}
              />{' '}
              {t.fileUnder(fileable.label)}
            </label>
          ) : null}
          {interaction.personRut === null && (!fileable || !fileIt) && (
            <span className="warn-text small" role="note">
              {t.noPerson}
            </span>
          )}
          <ConfirmButton
            waiting={busy || notesMissing}
            why={notesMissing ? notesWhy : null}
            whyId="call-notes-missing"
            goTo="call-notes"
          >
            {t.saveAndClose}
          </ConfirmButton>
          <button type="button" onClick={() => toggle(false)} disabled={busy}>
            {t.back}
          </button>
          {notesMissing && (
            <span id="call-notes-missing" className="muted small">
              {notesWhy}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
