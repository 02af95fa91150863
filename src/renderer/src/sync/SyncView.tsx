import { useEffect, useRef, useState } from 'react';
import type { PendingAction, SyncIssue } from '../../../shared/contract';
import { formatDateTime, formatNumber } from '../../../shared/format';
import { shortDeviceId } from '../../../shared/ids';
import { syncMessages, syncScaleMessages, syncStateLabels } from '../../../shared/messages';
import { ApiError, call } from '../api/client';
import { useSession } from '../session-store';
import { useApp } from '../store';
import { PendingByAgent } from './PendingByAgent';
import { NextAttempt } from './NextAttempt';
import { DeviceTrustNotice } from '../device-trust/DeviceTrustNotice';
import { DevicesPanel } from '../devices/DevicesPanel';
import { CentralAddressForm } from './CentralAddressForm';
import { SyncIssueList, type IssueChoice } from './SyncIssueList';
import { actionsHeld } from '../components/actions-held';
import { openRecordFromList } from '../components/open-record';
import { ErrorNotice } from '../components/ErrorNotice';
import { GuardedButton } from '../components/GuardedButton';
import { displayRut } from '../components/display';

/**
 * Sync status, settings, and the actions that need a person: conflicts, rejections, and actions
 * applied without their mails.
 */
export function SyncView() {
  const sync = useSession((s) => s.sync);
  const supervisor = useSession((s) => s.session?.role === 'supervisor');
  const refreshSync = useSession((s) => s.refreshSync);
  const notify = useSession((s) => s.notify);
  const reloadRecord = useApp((s) => s.reloadRecord);
  const [issues, setIssues] = useState<SyncIssue[] | null>(null);
  const [pending, setPending] = useState<PendingAction[] | null>(null);
  const [pendingError, setPendingError] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pendingHeading = useRef<HTMLHeadingElement>(null);
  const syncNowButton = useRef<HTMLButtonElement>(null);

  const failed = (failure: unknown) =>
    setError(failure instanceof ApiError ? failure.message : syncMessages.failed);

  // A list that failed to load says so until it loads again (refused while the screen was
  // locked, it stayed under «No hay conflictos…» for good).
  const [issuesError, setIssuesError] = useState(false);
  useEffect(() => {
    call('sync.issues', {})
      .then((list) => {
        setIssues(list);
        setIssuesError(false);
      })
      .catch(() => setIssuesError(true));
    // …and after every sync: a conflict's central side may have moved meanwhile.
  }, [sync?.conflicts, sync?.rejected, sync?.mailsWithheld, sync?.lastSyncAt]);

  // The same rows the header counts: listed again whenever that count (or the agent) changes.
  const signedIn = useSession((s) => s.session?.agentId ?? null);
  useEffect(() => {
    call('sync.pending', {})
      .then((list) => {
        setPending(list);
        setPendingError(false);
      })
      .catch(() => setPendingError(true));
  }, [sync?.pending, sync?.lastSyncAt, signedIn]);

  // Disabled while it ran, «Sincronizar ahora» let the focus fall to the page: once enabled
  // again (drawn), it takes it back.
  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && !busy && document.activeElement === document.body) {
      syncNowButton.current?.focus();
    }
    wasBusy.current = busy;
  }, [busy]);

  if (!sync) return null;
  const progress = sync.initialSync;

  const syncNow = async () => {
    setBusy(true);
    setError(null);
    try {
      const after = await call('sync.now', {});
      await refreshSync();
      void reloadRecord();
      // Said either way: pressed while offline, nothing on the page changed before.
      if (after.state === 'idle') notify(syncMessages.syncNowDone);
      else if (after.state !== 'syncing') notify(syncMessages.syncNowNot(after.state));
    } catch (failure) {
      failed(failure);
    } finally {
      setBusy(false);
    }
  };

  /** Whether the issue was resolved (its row then leaves the list). */
  const resolve = async (issue: SyncIssue, choice: IssueChoice): Promise<boolean> => {
    setError(null);
    try {
      setIssues(await call('sync.resolve', { actionId: issue.actionId, choice }));
      notify(
        choice === 'keep_mine'
          ? syncMessages.keptMine
          : choice === 'dismiss'
            ? issue.batch
              ? syncMessages.dismissedLoad
              : issue.state === 'mail_withheld'
                ? syncMessages.dismissedMail
                : syncMessages.dismissed
            : syncMessages.keptTheirs,
      );
      await refreshSync();
      void reloadRecord();
      // A resolution is audited in the open call (or visit), like any action: its count follows.
      void useSession.getState().refreshInteraction();
      return true;
    } catch (failure) {
      failed(failure);
      return false;
    }
  };

  return (
    <section className="page" aria-labelledby="sync-title">
      <h1 tabIndex={-1} id="sync-title">
        {syncMessages.title}
      </h1>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {issuesError && <ErrorNotice>{syncMessages.issuesLoadFailed}</ErrorNotice>}
      {/* Device trust (issue 11): a duplicated device re-enrols from here. */}
      <DeviceTrustNotice sync={sync} onChanged={() => void refreshSync()} />
      {sync.stuck && <ErrorNotice>{syncMessages.stuck}</ErrorNotice>}
      <dl className="facts">
        <dt>{syncMessages.state}</dt>
        <dd>{syncStateLabels[sync.state]}</dd>
        <dt>{syncMessages.pending}</dt>
        <dd>
          {formatNumber(sync.pending)}
          {sync.waitingForOtherAgent > 0 &&
            syncMessages.waitingForOther(sync.waitingForOtherAgent, supervisor)}
        </dd>
        {sync.officerCompanies && (
          <>
            <dt>{syncScaleMessages.officerCompanies}</dt>
            <dd>
              {sync.officerCompanies.length === 0 ? (
                syncScaleMessages.officerCompaniesNone
              ) : (
                <ul className="plain-list">
                  {sync.officerCompanies.map((company) => (
                    <li key={company.rut}>
                      {company.name ? `${company.name} ` : ''}
                      <span className="rut nowrap">{displayRut(company.rut)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </>
        )}
        <dt>{syncMessages.lastSync}</dt>
        <dd>{sync.lastSyncAt ? formatDateTime(sync.lastSyncAt) : syncMessages.never}</dd>
        <dt>{syncMessages.nextAttempt}</dt>
        <dd>
          <NextAttempt sync={sync} />
        </dd>
        <dt>{syncMessages.lastError}</dt>
        <dd>
          {sync.lastError ?? '—'}
          {sync.lastErrorDetail && (
            <details className="technical">
              <summary>{syncMessages.technicalDetail}</summary>
              {syncMessages.technicalGloss(sync.lastErrorDetail) && (
                <p className="small">{syncMessages.technicalGloss(sync.lastErrorDetail)}</p>
              )}
              <code>{sync.lastErrorDetail}</code>
            </details>
          )}
        </dd>
        <dt>{syncMessages.deviceId}</dt>
        <dd>
          <code>{shortDeviceId(sync.deviceId)}</code>
          <p className="hint">
            {sync.configured ? syncMessages.deviceIdHint : syncMessages.deviceIdHintAlone}
          </p>
          <details className="technical">
            <summary>{syncMessages.deviceIdWhole}</summary>
            <code>{sync.deviceId}</code>
          </details>
        </dd>
      </dl>
      {sync.scopeChange && (
        <div className="initial-sync">
          <p>{syncScaleMessages.scopeChange(sync.scopeChange.done, sync.scopeChange.total)}</p>
          <progress
            max={Math.max(sync.scopeChange.total, 1)}
            value={sync.scopeChange.done}
            aria-label={syncScaleMessages.scopeChangeLabel}
          />
        </div>
      )}
      {progress && (
        <div className="initial-sync">
          <p>{syncMessages.initialLoad(progress.done, progress.total)}</p>
          <progress
            max={Math.max(progress.total, 1)}
            value={progress.done}
            aria-label={syncMessages.initialLoadLabel}
          />
        </div>
      )}
      <div className="filters sync-actions">
        {sync.configured ? (
          <button
            type="button"
            className="primary"
            ref={syncNowButton}
            disabled={busy}
            onClick={syncNow}
          >
            {busy ? syncMessages.syncing : syncMessages.syncNow}
          </button>
        ) : (
          // Nothing to sync with: why it waits, said beside it (the address is set below).
          <GuardedButton
            className="primary"
            reason={supervisor ? syncMessages.noCentralYet : syncMessages.noCentralAsk}
            onClick={() => undefined}
          >
            {syncMessages.syncNow}
          </GuardedButton>
        )}
      </div>

      {/* What needs a person comes first: the badge and the Panel send the agent here for it. */}
      <SyncIssueList
        issues={issues}
        resolve={resolve}
        openRecord={(rut) => openRecordFromList(rut, 'sync')}
        viewerId={signedIn}
      />

      <h2 id="pending-title" ref={pendingHeading} tabIndex={-1}>
        {supervisor ? syncMessages.pendingTitle : syncMessages.pendingTitleMine}
      </h2>
      {pendingError && <ErrorNotice>{syncMessages.pendingLoadFailed}</ErrorNotice>}
      {pending && pending.length === 0 && (
        <p className="muted">
          {supervisor
            ? syncMessages.pendingNone
            : syncMessages.pendingNoneMine(sync.waitingForOtherAgent)}
        </p>
      )}
      {pending && pending.length > 0 && (
        // Issue 11: grouped by agent; a supervisor may take over an absent agent's actions.
        <PendingByAgent
          pending={pending}
          me={signedIn}
          supervisor={supervisor}
          onReassigned={(next, count) => {
            setPending(next);
            notify(
              count > 0
                ? syncScaleMessages.reassignDone(count, actionsHeld(sync))
                : syncScaleMessages.reassignNone,
            );
            void refreshSync();
            // The agent's group (and the button that opened the dialog) may be gone.
            requestAnimationFrame(() => pendingHeading.current?.focus());
          }}
        />
      )}

      {/* Device trust (issue 11): a supervisor revokes a lost or stolen device from here. */}
      {supervisor && sync.configured && <DevicesPanel />}

      <h2>{syncMessages.settings}</h2>
      <CentralAddressForm sync={sync} />
    </section>
  );
}
