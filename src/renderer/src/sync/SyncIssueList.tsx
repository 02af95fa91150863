import { useEffect, useRef, useState } from 'react';
import type { SyncIssue } from '../../../shared/contract';
import { formatDateTime } from '../../../shared/format';
import {
  fieldLabels,
  membershipStateLabels,
  roleLabels,
  syncKindLabels,
  syncMessages,
} from '../../../shared/messages';
import { formatPhone } from '../../../shared/phone';
import { blockingRequestIn } from '../../../shared/rules/data-requests';
import { displayRut } from '../components/display';
import { SYNC_REVIEW_ID } from '../components/focus-view';

export type IssueChoice = 'keep_theirs' | 'keep_mine' | 'dismiss';

/**
 * A conflict's value as the record shows it: a phone formatted, a state or a profile in words,
 * nothing said as «(vacío)».
 */
export function shownValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return syncMessages.empty;
  if (typeof value !== 'string') return String(value);
  if (field === 'phone') return formatPhone(value);
  const words: Record<string, string> | undefined =
    field === 'state' ? membershipStateLabels : field === 'role' ? roleLabels : undefined;
  return words?.[value] ?? value;
}

/** A contact change's conflict carries what the agent saw before: a column of its own. */
const hasBefore = (issue: SyncIssue) =>
  issue.conflicts.some((conflict) => conflict.before !== undefined);

/** A change to an access the central already holds «De baja» (membership state `removed`). */
const accessEnded = (issue: SyncIssue) =>
  issue.conflicts.some((conflict) => conflict.field === 'state' && conflict.theirs === 'removed');

/**
 * The actions that need a person: conflicts, rejections, and actions applied without their
 * mails. «Aplicar el mío» overwrites what someone else changed on the central API, so it asks
 * once more, naming both values. When an issue is resolved its row goes: the focus moves to the
 * next one (or to the list's heading), never to the page's body.
 */
export function SyncIssueList({
  issues,
  resolve,
  openRecord,
  viewerId,
}: {
  issues: SyncIssue[] | null;
  resolve: (issue: SyncIssue, choice: IssueChoice) => Promise<boolean>;
  /** Opens a person's record (where a withheld mail is asked again). */
  openRecord: (personRut: string) => void;
  /** The signed-in agent: another agent's issue (a supervisor's list) is named as theirs. */
  viewerId: string | null;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const safeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) safeButton.current?.focus();
  }, [confirming]);

  /** The first button of the row now at `index` (the one after a resolved row), or the heading. */
  const focusRow = (index: number) => {
    const rows = list.current?.querySelectorAll<HTMLElement>('.issue-buttons button:first-child');
    const target = rows && rows.length > 0 ? rows[Math.min(index, rows.length - 1)] : null;
    (target ?? heading.current)?.focus();
  };

  /** «No, volver»: the question goes, and the focus returns to the «Aplicar el mío» that asked. */
  const back = (issue: SyncIssue) => {
    setConfirming(null);
    requestAnimationFrame(() =>
      list.current
        ?.querySelector<HTMLElement>(`[data-keep-mine="${CSS.escape(issue.actionId)}"]`)
        ?.focus(),
    );
  };

  const choose = async (issue: SyncIssue, index: number, choice: IssueChoice) => {
    setConfirming(null);
    // Its row is gone once React has drawn the new list.
    if (await resolve(issue, choice)) requestAnimationFrame(() => focusRow(index));
  };

  return (
    <>
      <h2 ref={heading} id={SYNC_REVIEW_ID} tabIndex={-1}>
        {syncMessages.review}
      </h2>
      {issues && issues.length === 0 && <p className="muted">{syncMessages.noIssues}</p>}
      {issues && issues.length > 0 && (
        <ul className="issues" ref={list}>
          {issues.map((issue, index) => {
            // Refused for a temporary block (Ley 21.719): no value of someone else's to weigh.
            const blockedBy = blockingRequestIn(issue.conflicts);
            // Its person left this desk (the officer's company taken from him): nothing of
            // theirs can be sent again from here (personGone).
            const gone = issue.personRut !== null && issue.personName === null;
            // A supervisor's list holds other agents' actions: named, their values theirs.
            const of =
              issue.agentId !== null && issue.agentId !== viewerId
                ? (issue.agentName ?? syncMessages.unknownAgent)
                : null;
            const columns = of
              ? { ...syncMessages.conflictColumns, ...syncMessages.agentColumns(of) }
              : syncMessages.conflictColumns;
            const keepLabel = of ? syncMessages.keepAgent(of) : syncMessages.keepMine;
            return (
              <li key={issue.actionId} className="issue">
                <p>
                  <strong>
                    {blockedBy !== null
                      ? syncMessages.blockedTitle
                      : issue.state === 'conflict'
                        ? syncMessages.conflict
                        : issue.state === 'mail_withheld'
                          ? syncMessages.mailWithheldTitle
                          : syncMessages.rejected}
                    :{' '}
                    {issue.batch
                      ? syncMessages.load(issue.batch.fileName, issue.batch.count)
                      : (syncKindLabels[issue.kind] ?? issue.kind)}
                  </strong>
                  {issue.personRut &&
                    !issue.batch &&
                    ` · ${issue.personName ?? ''} ${displayRut(issue.personRut)}${issue.personName ? '' : syncMessages.personGone}`}
                  {issue.companyName && ` · ${syncMessages.inCompany(issue.companyName)}`} ·{' '}
                  {syncMessages.madeOn(formatDateTime(issue.createdAt))}
                  {of && ` · ${syncMessages.ofAgent(of)}`}
                </p>
                {issue.state === 'rejected' && (
                  <p>{syncMessages.rejectedReason(issue.message ?? issue.code ?? '')}</p>
                )}
                {issue.mailsWithheld.length > 0 && (
                  <p>
                    {issue.batch
                      ? syncMessages.loadMailWithheld(issue.mailsWithheld, issue.batch.count)
                      : syncMessages.mailWithheld(
                          issue.mailsWithheld,
                          !gone,
                          issue.state === 'conflict',
                        )}
                  </p>
                )}
                {issue.batch && issue.batch.persons.length > 0 && (
                  // Whose mails did not go: each one's record, where the mail is asked again.
                  <details className="load-persons">
                    <summary>{syncMessages.loadPersons(issue.batch.count)}</summary>
                    <ul>
                      {issue.batch.persons.map((person) => (
                        <li key={person.rut}>
                          {person.name && (
                            <>
                              <button
                                type="button"
                                className="link"
                                onClick={() => openRecord(person.rut)}
                              >
                                {person.name}
                              </button>{' '}
                            </>
                          )}
                          <span className="rut small">{displayRut(person.rut)}</span>
                          {!person.name && syncMessages.personGone}
                        </li>
                      ))}
                    </ul>
                    {issue.batch.count > issue.batch.persons.length && (
                      <p className="muted small">
                        {syncMessages.loadPersonsMore(
                          issue.batch.count - issue.batch.persons.length,
                        )}
                      </p>
                    )}
                  </details>
                )}
                {blockedBy !== null && <p>{syncMessages.blocked(blockedBy)}</p>}
                {issue.conflicts.length > 0 && blockedBy === null && (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{columns.field}</th>
                        {hasBefore(issue) && <th scope="col">{columns.before}</th>}
                        <th scope="col">{columns.yours}</th>
                        <th scope="col">{columns.theirs}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {issue.conflicts.map((conflict) => (
                        <tr key={conflict.field}>
                          <th scope="row">{fieldLabels[conflict.field] ?? conflict.field}</th>
                          {hasBefore(issue) && (
                            <td>{shownValue(conflict.field, conflict.before ?? null)}</td>
                          )}
                          <td>{shownValue(conflict.field, conflict.yours)}</td>
                          <td>{shownValue(conflict.field, conflict.theirs)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {issue.centralChange && blockedBy === null && (
                  <p>
                    {syncMessages.centralChanged(
                      issue.centralChange.of,
                      formatDateTime(issue.centralChange.at),
                      issue.centralChange.by,
                      issue.agentName,
                    )}
                  </p>
                )}
                {gone && issue.state !== 'mail_withheld' && (
                  <p className="muted small">{syncMessages.personGoneNote}</p>
                )}
                {issue.state === 'conflict' &&
                  !gone &&
                  issue.kind === 'person.update_contact' &&
                  blockedBy === null && (
                    <p className="muted small">{syncMessages.contactConflictHint(keepLabel)}</p>
                  )}
                {issue.state === 'conflict' &&
                  !gone &&
                  issue.kind !== 'person.update_contact' &&
                  blockedBy === null && (
                    <p className="muted small">
                      {accessEnded(issue) ? syncMessages.theirsRemoved : syncMessages.theirsOnly}
                    </p>
                  )}
                {confirming === issue.actionId ? (
                  // Esc answers «No, volver», as it leaves a dialog: nothing is replaced.
                  <div
                    className="issue-confirm"
                    role="group"
                    aria-label={keepLabel}
                    onKeyDown={(event) => {
                      if (event.key !== 'Escape') return;
                      event.preventDefault();
                      event.stopPropagation();
                      back(issue);
                    }}
                  >
                    <p>
                      {syncMessages.keepMineConfirm(
                        issue.conflicts.map((conflict) => ({
                          field: fieldLabels[conflict.field] ?? conflict.field,
                          yours: shownValue(conflict.field, conflict.yours),
                          theirs: shownValue(conflict.field, conflict.theirs),
                        })),
                        issue.centralChange?.by ?? null,
                        of,
                      )}
                    </p>
                    <div className="issue-buttons">
                      <button
                        type="button"
                        className="primary"
                        onClick={() => void choose(issue, index, 'keep_mine')}
                      >
                        {syncMessages.keepMineYes}
                      </button>
                      {/* The focus on the safe answer: Enter twice never overwrites a colleague's
                          change. */}
                      <button type="button" ref={safeButton} onClick={() => back(issue)}>
                        {syncMessages.keepMineNo}
                      </button>
                    </div>
                  </div>
                ) : (
                  <div className="issue-buttons">
                    {issue.state === 'conflict' ? (
                      <>
                        {/* Where the person's current contact is checked, with the person. */}
                        {issue.personRut !== null && !gone && blockedBy === null && (
                          <button type="button" onClick={() => openRecord(issue.personRut!)}>
                            {syncMessages.openRecord}
                          </button>
                        )}
                        <button
                          type="button"
                          onClick={() => void choose(issue, index, 'keep_theirs')}
                        >
                          {blockedBy !== null ? syncMessages.blockedOk : syncMessages.keepTheirs}
                        </button>
                        {issue.kind === 'person.update_contact' && blockedBy === null && !gone && (
                          <button
                            type="button"
                            data-keep-mine={issue.actionId}
                            onClick={() => setConfirming(issue.actionId)}
                          >
                            {keepLabel}
                          </button>
                        )}
                      </>
                    ) : (
                      <>
                        {/* Where a withheld mail (or a refused action) is asked again: the
                            person's record, first, so Enter never just dismisses it unseen. */}
                        {issue.personRut !== null && !gone && !issue.batch && (
                          <button
                            type="button"
                            className={issue.state === 'mail_withheld' ? 'primary' : undefined}
                            onClick={() => openRecord(issue.personRut!)}
                          >
                            {syncMessages.openRecord}
                          </button>
                        )}
                        <button type="button" onClick={() => void choose(issue, index, 'dismiss')}>
                          {syncMessages.dismiss}
                        </button>
                      </>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
