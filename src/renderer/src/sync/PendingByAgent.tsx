/**
 * A shared desk's waiting actions, grouped by the agent who took them (issue 11, item 2), and
 * a supervisor's way to take over those of an agent who will not come back: a dialog that says
 * what that means, asks for the reason, and confirms.
 */
import { useState } from 'react';
import type { PendingAction } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/format';
import {
  mailKindLabels,
  syncKindLabels,
  syncMessages,
  syncScaleMessages,
} from '../../../shared/messages';
import type { MailKind } from '../../../shared/vocabulary';
import { call } from '../api/client';
import { displayRut } from '../components/display';
import { actionsHeld } from '../components/actions-held';
import { useSession } from '../session-store';
import { ReasonDialog } from '../components/ReasonDialog';
import { MAIL_FRESHNESS_MS, MIN_REASON_LENGTH } from '../../../shared/policy';

type Group = {
  agentId: string | null;
  name: string;
  actions: PendingAction[];
  sentByName: string | null;
  /** The central said here this agent is disabled: they will not sign in to send these. */
  disabled: boolean;
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
        disabled: action.agentDisabled,
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
              {/* An agent's own list is already titled «Sus acciones pendientes». */}
              {mine && !supervisor
                ? syncScaleMessages.pendingCount(group.actions.length)
                : syncScaleMessages.pendingOf(group.name, group.actions.length)}
              {mine && supervisor && ` ${syncScaleMessages.mine}`}
            </h3>
            {!mine && (
              <p className="muted small">
                {group.sentByName
                  ? syncScaleMessages.reassignedTo(group.sentByName, group.actions.length)
                  : group.disabled
                    ? syncScaleMessages.agentDisabled(group.actions.length)
                    : syncScaleMessages.waitsForAgent(group.actions.length)}
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
                    <td>
                      {syncKindLabels[action.kind] ?? action.kind}
                      {action.mailKind && <PendingMail action={action} />}
                    </td>
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
  const held = useSession((s) => actionsHeld(s.sync));
  return (
    <ReasonDialog
      title={syncScaleMessages.reassignTitle(group.name)}
      explanation={
        held
          ? `${syncScaleMessages.reassignExplain(group.actions.length, group.name)} ${syncScaleMessages.reassignHeld(group.actions.length)}`
          : syncScaleMessages.reassignExplain(group.actions.length, group.name)
      }
      reasonLabel={syncScaleMessages.reassignReason}
      reasonHint={syncScaleMessages.reassignReasonHint}
      minReason={MIN_REASON_LENGTH}
      confirmLabel={syncScaleMessages.reassignConfirm(held)}
      busyLabel={syncScaleMessages.reassigning}
      cancelLabel={syncScaleMessages.reassignCancel}
      submit={async (reason) => {
        const answer = await call('sync.reassign', { fromAgentId: group.agentId!, reason });
        done(answer.pending, answer.reassigned);
      }}
      close={close}
    />
  );
}

/**
 * The mail a queued action asks for, and until when it can still go (MAIL_FRESHNESS_MS): an
 * agent leaving for lunch with a resend queued learns it may never be sent.
 */
function PendingMail({ action }: { action: PendingAction }) {
  const until = Date.parse(action.createdAt) + MAIL_FRESHNESS_MS;
  const mail = mailKindLabels[action.mailKind as MailKind] ?? action.mailKind!;
  return (
    <div className="small muted">
      {syncMessages.pendingMail(
        mail,
        formatDateTime(new Date(until).toISOString()),
        // As the badge reads its «sincronizado»: at each render, which every poll of the list
        // brings.
        until <= new Date().getTime(),
      )}
    </div>
  );
}
