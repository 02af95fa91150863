/**
 * A shared desk's waiting actions, grouped by the agent who took them (issue 11, item 2), and
 * a supervisor's way to take over those of an agent who will not come back: a dialog that says
 * what that means, asks for the reason, and confirms.
 */
import { useCallback, useId, useState, type FormEvent } from 'react';
import type { PendingAction } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/format';
import { syncKindLabels, syncMessages, syncScaleMessages } from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { displayRut } from './display';
import { Modal } from './Modal';

type Group = {
  agentId: string | null;
  name: string;
  actions: PendingAction[];
  sentByName: string | null;
};

function groupByAgent(pending: PendingAction[]): Group[] {
  const groups = new Map<string, Group>();
  for (const action of pending) {
    const key = action.agentId ?? '';
    let group = groups.get(key);
    if (!group) {
      group = {
        agentId: action.agentId,
        name: action.agentName ?? syncMessages.unknownAgent,
        actions: [],
        sentByName: null,
      };
      groups.set(key, group);
    }
    group.actions.push(action);
    if (action.sentByName) group.sentByName = action.sentByName;
  }
  return [...groups.values()];
}

export function PendingByAgent({
  pending,
  me,
  supervisor,
  onReassigned,
}: {
  pending: PendingAction[];
  me: string | null;
  supervisor: boolean;
  onReassigned: (pending: PendingAction[], count: number) => void;
}) {
  const [asking, setAsking] = useState<Group | null>(null);
  const groups = groupByAgent(pending);
  return (
    <>
      {groups.map((group) => {
        const headingId = `pending-agent-${group.agentId ?? 'none'}`;
        const mine = group.agentId === me;
        const takeable =
          supervisor &&
          !mine &&
          group.agentId !== null &&
          group.actions.some((a) => a.sentBy !== me);
        return (
          <section key={group.agentId ?? ''} className="pending-agent" aria-labelledby={headingId}>
            <h3 id={headingId}>
              {syncScaleMessages.pendingOf(group.name, group.actions.length)}
              {mine && ` ${syncScaleMessages.mine}`}
            </h3>
            {!mine && (
              <p className="muted small">
                {group.sentByName
                  ? syncScaleMessages.reassignedTo(group.sentByName)
                  : syncScaleMessages.waitsForAgent}
              </p>
            )}
            <table className="pending-list" aria-labelledby={`pending-title ${headingId}`}>
              <thead>
                <tr>
                  <th scope="col">{syncMessages.pendingColumns.since}</th>
                  <th scope="col">{syncMessages.pendingColumns.what}</th>
                  <th scope="col">{syncMessages.pendingColumns.whom}</th>
                </tr>
              </thead>
              <tbody>
                {group.actions.map((action) => (
                  <tr key={action.actionId}>
                    <td className="nowrap">{formatDateTime(action.createdAt)}</td>
                    <td>{syncKindLabels[action.kind] ?? action.kind}</td>
                    <td>
                      {action.personRut === null ? (
                        syncMessages.noPerson
                      ) : (
                        <>
                          {action.personName && <span>{action.personName} </span>}
                          <span className="rut nowrap">{displayRut(action.personRut)}</span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {takeable && (
              <div className="filters">
                <button
                  type="button"
                  onClick={() => setAsking(group)}
                  aria-label={`${syncScaleMessages.reassign}: ${group.name}`}
                >
                  {syncScaleMessages.reassign}
                </button>
              </div>
            )}
          </section>
        );
      })}
      {asking && (
        <ReassignDialog
          group={asking}
          close={() => setAsking(null)}
          done={(next, count) => {
            setAsking(null);
            onReassigned(next, count);
          }}
        />
      )}
    </>
  );
}

function ReassignDialog({
  group,
  close,
  done,
}: {
  group: Group;
  close: () => void;
  done: (pending: PendingAction[], count: number) => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const reasonId = useId();
  const hintId = useId();
  const stableClose = useCallback(() => close(), [close]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '' || !group.agentId) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await call('sync.reassign', { fromAgentId: group.agentId, reason });
      done(answer.pending, answer.reassigned);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : syncMessages.failed);
      setBusy(false);
    }
  };

  return (
    <Modal titleId={titleId} busy={busy} close={stableClose}>
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={titleId}>{syncScaleMessages.reassignTitle(group.name)}</h2>
        <p>{syncScaleMessages.reassignExplain(group.actions.length, group.name)}</p>
        <div className="field">
          <label htmlFor={reasonId}>{syncScaleMessages.reassignReason}</label>
          <textarea
            id={reasonId}
            value={reason}
            rows={2}
            maxLength={500}
            required
            aria-describedby={hintId}
            onChange={(event) => setReason(event.target.value)}
          />
          <span id={hintId} className="muted small">
            {syncScaleMessages.reassignReasonHint}
          </span>
        </div>
        {error && (
          <p role="alert" className="notice notice-danger">
            {error}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={close} disabled={busy}>
            {syncScaleMessages.reassignCancel}
          </button>
          <button type="submit" className="primary" disabled={busy || reason.trim() === ''}>
            {busy ? syncMessages.syncing : syncScaleMessages.reassignConfirm}
          </button>
        </div>
      </form>
    </Modal>
  );
}
