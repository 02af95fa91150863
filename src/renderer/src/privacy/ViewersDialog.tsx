/**
 * «Quién consultó esta ficha» (issue 10): for supervisors, every view of this person recorded in
 * this desk's audit log — when, which agent, how the record was opened and the reason of the call
 * or visit open then (an officer's, a visit: each view says which) — and the refused attempts of
 * officers outside their companies.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { PersonViewers } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/format';
import {
  interactionKindWords,
  interactionNoun,
  interactionReasonLabels,
  privacyMessages as m,
  viewViaLabelsOf,
} from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { Modal } from '../components/Modal';
import { ErrorNotice } from '../components/ErrorNotice';
import { personLabel } from '../components/display';

const LIMIT = 100;

/** A view's reason; where calls and visits mix, with which of them it was. */
function reasonText(kind: PersonViewers['views'][number]['kind'], reason: string, mixed: boolean) {
  const label = interactionReasonLabels[reason as keyof typeof interactionReasonLabels] ?? reason;
  return mixed ? interactionKindWords[kind].kindReason(label) : label;
}

export function ViewersDialog({
  rut,
  name,
  onClose,
}: {
  rut: string;
  name: string;
  onClose: () => void;
}) {
  const close = useCallback(() => onClose(), [onClose]);
  const titleId = useId();
  const [answer, setAnswer] = useState<PersonViewers | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Calls, an officer's visits, or both: the column says which, and a mixed one each row.
  const noun = answer
    ? interactionNoun(
        answer.views.length,
        answer.views.filter((view) => view.kind === 'visit').length,
      )
    : 'calls';

  useEffect(() => {
    let live = true;
    call('persons.viewers', { rut, limit: LIMIT })
      .then((value) => live && setAnswer(value))
      .catch((failure: unknown) => {
        if (live) setError(failure instanceof ApiError ? failure.message : m.viewersFailed);
      });
    return () => {
      live = false;
    };
  }, [rut]);

  return (
    <Modal titleId={titleId} wide busy={false} close={close} focusTitle>
      <h2 id={titleId}>{m.viewersTitle(name)}</h2>
      {!answer && !error && (
        <div className="progress" role="progressbar" aria-label={m.viewersLoading} />
      )}
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {answer && answer.views.length === 0 && <p className="notice empty">{m.viewersNone}</p>}
      {answer && answer.views.length > 0 && (
        // Scrolls by keyboard too: the region takes the focus.
        <div className="viewers-scroll" role="region" aria-label={m.viewersRegion} tabIndex={0}>
          <table>
            <caption className="muted">{m.viewersCaption(noun)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.viewersColumns.at}</th>
                <th scope="col">{m.viewersColumns.agent}</th>
                <th scope="col">{m.viewersColumns.via}</th>
                <th scope="col">{m.viewersReason[noun]}</th>
              </tr>
            </thead>
            <tbody>
              {answer.views.map((view, index) => (
                <tr key={`${view.at}-${index}`}>
                  <td>{formatDateTime(view.at)}</td>
                  <td>{view.agentName}</td>
                  <td>
                    {view.denied ? (
                      <span className="warn-text">{m.viewersDenied(view.action)}</span>
                    ) : (
                      (viewViaLabelsOf[view.kind][view.via ?? ''] ?? view.via ?? '—')
                    )}
                  </td>
                  <td>
                    {view.reason
                      ? reasonText(view.kind, view.reason, noun === 'both')
                      : m.viewersNoInteraction[view.kind]}
                    {view.reason && view.callPerson && (
                      <div className="small muted">
                        {m.viewersCallWith(
                          view.kind,
                          personLabel(view.callPerson.name, view.callPerson.rut)!,
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {answer && answer.total > answer.views.length && (
        <p className="muted small">{m.viewersMore(answer.views.length, answer.total)}</p>
      )}
      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          {m.close}
        </button>
      </div>
    </Modal>
  );
}
