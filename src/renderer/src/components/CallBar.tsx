import { useState } from 'react';
import type { InteractionOutcome, InteractionReason } from '../../../shared/policy';
import { INTERACTION_OUTCOMES, INTERACTION_REASONS } from '../../../shared/policy';
import { interactionOutcomeLabels, interactionReasonLabels } from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { useSession } from '../session-store';
import { useApp } from '../store';
import { displayRut } from './display';

/** The call in progress: open one for the caller on screen, see its actions, close it with an outcome. */
export function CallBar() {
  const interaction = useSession((s) => s.interaction);
  const setInteraction = useSession((s) => s.setInteraction);
  const notify = useSession((s) => s.notify);
  const record = useApp((s) => s.record);
  const reloadRecord = useApp((s) => s.reloadRecord);
  const [reason, setReason] = useState<InteractionReason>('forgot_password');
  const [outcome, setOutcome] = useState<InteractionOutcome>('resolved');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);

  const failed = (failure: unknown) =>
    setError(failure instanceof ApiError ? failure.message : 'No se pudo registrar la llamada.');

  if (!interaction) {
    return (
      <div className="callbar" role="region" aria-label="Llamada">
        <label>
          Motivo{' '}
          <select
            value={reason}
            onChange={(event) => setReason(event.target.value as InteractionReason)}
          >
            {INTERACTION_REASONS.map((value) => (
              <option key={value} value={value}>
                {interactionReasonLabels[value]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={async () => {
            setError(null);
            try {
              setInteraction(await call('interactions.open', { rut: record?.rut ?? null, reason }));
              notify('Llamada abierta: las acciones quedarán asociadas a ella.');
            } catch (failure) {
              failed(failure);
            }
          }}
        >
          {record ? `Abrir llamada de ${displayRut(record.rut)}` : 'Abrir llamada'}
        </button>
        {error && <span className="field-error">{error}</span>}
      </div>
    );
  }

  return (
    <div className="callbar callbar-open" role="region" aria-label="Llamada">
      <span>
        <strong>Llamada en curso</strong> · {interactionReasonLabels[interaction.reason]}
        {interaction.personRut && ` · ${displayRut(interaction.personRut)}`} ·{' '}
        {interaction.actions.length === 1 ? '1 acción' : `${interaction.actions.length} acciones`}
      </span>
      {closing ? (
        <>
          <label>
            Resultado{' '}
            <select
              value={outcome}
              onChange={(event) => setOutcome(event.target.value as InteractionOutcome)}
            >
              {INTERACTION_OUTCOMES.map((value) => (
                <option key={value} value={value}>
                  {interactionOutcomeLabels[value]}
                </option>
              ))}
            </select>
          </label>
          <input
            aria-label="Notas de la llamada"
            placeholder="Notas"
            value={notes}
            maxLength={2000}
            onChange={(event) => setNotes(event.target.value)}
          />
          <button
            type="button"
            className="primary"
            onClick={async () => {
              setError(null);
              try {
                await call('interactions.close', { id: interaction.id, outcome, notes });
                setInteraction(null);
                setClosing(false);
                setNotes('');
                notify('Llamada cerrada y registrada.');
                void reloadRecord();
              } catch (failure) {
                failed(failure);
              }
            }}
          >
            Guardar y cerrar
          </button>
          <button type="button" onClick={() => setClosing(false)}>
            Volver
          </button>
        </>
      ) : (
        <button type="button" onClick={() => setClosing(true)}>
          Cerrar llamada
        </button>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
