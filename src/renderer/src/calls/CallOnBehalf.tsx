/**
 * Who is on the line of the open call: the person, or someone in their name (a daughter, a
 * carer). Seed 000: «el acceso es personal» — with someone else calling, the desk unlocks and
 * sends mails to the person's own address, and every other change waits for the person (the
 * action dialogs say so, and main refuses it: run-action.ts, allowedOnBehalf).
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Interaction } from '../../../shared/contract';
import { dialogMessages, onBehalfRelationLabels, onBehalfText } from '../../../shared/messages';
import {
  onBehalfNameFits,
  ON_BEHALF_RELATIONS,
  type OnBehalfRelation,
} from '../../../shared/policy';
import { ApiError, call } from '../api/client';
import { useSession } from '../session-store';
import { useInteractionWords } from '../components/interaction-words';
import { personLabel } from '../components/display';
import { ConfirmButton, missingParts } from '../components/ConfirmButton';

export function CallOnBehalf({
  interaction,
  onScreen,
  onError,
}: {
  interaction: Interaction;
  /**
   * Whose record is on screen: a call that names nobody yet is filed under them as it is said
   * who calls in their name (interactions.setCaller).
   */
  onScreen: { rut: string } | null;
  onError: (message: string | null) => void;
}) {
  const { bar } = useInteractionWords();
  const t = bar.onBehalf;
  const setInteraction = useSession((s) => s.setInteraction);
  const notify = useSession((s) => s.notify);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<OnBehalfRelation | ''>('');
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const markRef = useRef<HTMLButtonElement>(null);
  const shownRef = useRef<HTMLSpanElement>(null);
  const moved = useRef(false);
  const ids = {
    legend: useId(),
    missing: useId(),
    name: useId(),
    relation: useId(),
    notTheCompany: useId(),
  };
  const onBehalf = interaction.onBehalf;

  // The form opened: its first field. Saved: who calls, as the bar now says it (not «Llama la
  // persona», which a second Enter would press, undoing it). Closed or cleared: the button.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    (editing ? nameRef : onBehalf ? shownRef : markRef).current?.focus();
  }, [editing, onBehalf]);

  const toggle = (next: boolean) => {
    moved.current = true;
    onError(null);
    setEditing(next);
  };

  const save = async (next: { name: string; relation: OnBehalfRelation } | null) => {
    setBusy(true);
    onError(null);
    try {
      const fileUnder =
        next && interaction.personRut === null && interaction.actions.length === 0
          ? onScreen
          : null;
      const changed = await call('interactions.setCaller', {
        id: interaction.id,
        onBehalf: next,
        ...(fileUnder ? { rut: fileUnder.rut } : {}),
      });
      moved.current = true;
      setInteraction(changed);
      const filed =
        changed.personRut !== interaction.personRut
          ? ` ${bar.movedTo(personLabel(changed.personName, changed.personRut)!)}`
          : '';
      notify(changed.onBehalf ? `${t.saved(onBehalfText(changed.onBehalf))}${filed}` : t.cleared);
      setName('');
      setRelation('');
      setEditing(false);
    } catch (failure) {
      // What was typed stays for another try.
      onError(failure instanceof ApiError ? failure.message : bar.failed);
    } finally {
      setBusy(false);
    }
  };

  const missing = missingParts();
  if (!onBehalfNameFits(name)) missing.add(t.missingName, ids.name);
  if (relation === '') missing.add(t.missingRelation, ids.relation);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || missing.parts.length > 0 || relation === '') return;
    void save({ name: name.trim(), relation });
  };

  if (onBehalf) {
    return (
      <>
        <span className="callbar-on-behalf" ref={shownRef} tabIndex={-1}>
          {t.shown(onBehalfText(onBehalf), interaction.personRut !== null)}
        </span>
        <button type="button" disabled={busy} onClick={() => void save(null)}>
          {t.person}
        </button>
      </>
    );
  }
  if (!editing) {
    return (
      <button type="button" ref={markRef} onClick={() => toggle(true)}>
        {t.mark}
      </button>
    );
  }
  return (
    <form
      className="callbar-close"
      noValidate
      aria-labelledby={ids.legend}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || busy) return;
        event.preventDefault();
        toggle(false);
      }}
    >
      <span id={ids.legend} className="visually-hidden">
        {t.legend}
      </span>
      <label>
        {t.name}{' '}
        <input
          id={ids.name}
          ref={nameRef}
          aria-describedby={ids.notTheCompany}
          value={name}
          maxLength={100}
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      <label>
        {t.relation}{' '}
        <select
          id={ids.relation}
          value={relation}
          onChange={(event) => setRelation(event.target.value as OnBehalfRelation)}
        >
          <option value="" disabled>
            {t.relationPlaceholder}
          </option>
          {ON_BEHALF_RELATIONS.map((value) => (
            <option key={value} value={value}>
              {onBehalfRelationLabels[value]}
            </option>
          ))}
        </select>
      </label>
      <ConfirmButton
        waiting={busy || missing.parts.length > 0}
        why={missing.parts.length > 0 ? dialogMessages.missing(missing.parts) : null}
        whyId={ids.missing}
        goTo={missing.goTo}
      >
        {t.save}
      </ConfirmButton>
      <button type="button" disabled={busy} onClick={() => toggle(false)}>
        {t.cancel}
      </button>
      {missing.parts.length > 0 && (
        <span id={ids.missing} className="muted small">
          {dialogMessages.missing(missing.parts)}
        </span>
      )}
      <span id={ids.notTheCompany} className="muted small">
        {t.notTheCompany}
      </span>
    </form>
  );
}
