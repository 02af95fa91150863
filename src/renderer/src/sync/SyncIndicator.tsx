import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { syncMessages, syncScaleMessages, syncStateLabels } from '../../../shared/messages';
import { call } from '../api/client';
import { useSession } from '../session-store';
import { focusSyncReview, focusViewHeading } from '../components/focus-view';
import { useApp } from '../store';
import { useCompany } from '../company/company-store';
import { syncPollMs } from './sync-poll';
import { statusSaid, toReview } from './sync-said';
import { preparingSearch } from '../components/IncompleteDataNotice';

/**
 * What the rest of the screen must follow when the sync status changes: the header's person
 * count (it grows during a first sync), and the open record when it was built from data that may
 * be missing or when people arrived or left. A record listing waiting actions follows the queue by itself (PersonRecordView).
 */
function follow(previous: SyncStatus | null, next: SyncStatus | null): void {
  if (!next) return;
  const app = useApp.getState();
  if (app.personCount !== next.persons) useApp.setState({ personCount: next.persons });
  if (!previous) return;
  const record = app.record;
  const completed = previous.replicaIncomplete && !next.replicaIncomplete;
  // Actions left the queue (applied, refused, in conflict).
  const drained =
    next.pending < previous.pending ||
    next.conflicts !== previous.conflicts ||
    next.rejected !== previous.rejected ||
    next.mailsWithheld !== previous.mailsWithheld;
  if (record && completed && record.replicaIncomplete) void app.reloadRecord();
  // People arrived or left (an officer's companies changed, a dismissal pulled): the open record
  // may be someone who is no longer his, or changed — read again (a reload is no new view). Not
  // at every step of a load still under way (the count moves each poll), but once it ends.
  // (Behind a company's page too: read again, it stays behind it, store.ts.)
  // So is a record a pull changed under it (a colleague's correction on another desk).
  else if (
    record &&
    (peopleMoved(previous, next) ||
      pulled(previous, next) ||
      loadEnded(previous, next) ||
      // An action refused or settled: the record's note of what did not apply follows.
      next.conflicts !== previous.conflicts ||
      next.rejected !== previous.rejected)
  ) {
    void app.reloadRecord();
  }
  // The open company follows what the queue and the pulls bring (a signature, a refusal).
  if (drained || completed || next.lastSyncAt !== previous.lastSyncAt) {
    void useCompany.getState().refresh();
  }
  // So do the results' lines and badges: what the central applied, refused or kept in its
  // place, and what a pull changed.
  if ((drained || pulled(previous, next)) && !completed) app.refreshResults();
  // Results found (or not found) while data was missing: ask again now that it is all here.
  if (completed && (app.text.trim() !== '' || app.scope)) app.setText(app.text);
}

const loading = (status: SyncStatus) => status.initialSync !== null || status.scopeChange !== null;
const peopleMoved = (previous: SyncStatus, next: SyncStatus) =>
  next.personsMoved !== previous.personsMoved && !loading(next);
const loadEnded = (previous: SyncStatus, next: SyncStatus) => loading(previous) && !loading(next);
const pulled = (previous: SyncStatus, next: SyncStatus) =>
  next.pulledChanges !== previous.pulledChanges && !loading(next);

/** Online or not, what is waiting, when it last synced, and anything that needs a person. */
export function SyncIndicator() {
  const sync = useSession((s) => s.sync);
  const refreshSync = useSession((s) => s.refreshSync);
  const show = useSession((s) => s.show);
  // Said to a screen reader when more comes to review (the badge's own text changes silently,
  // and it changes at every poll: a live badge would speak all the time).
  const [told, setTold] = useState('');
  useEffect(() => {
    const lostSaid = { current: false };
    return useSession.subscribe((state, before) => {
      const [next, previous] = [state.sync, before.sync];
      if (!next || !previous || next === previous) return;
      const said = statusSaid(previous, next, lostSaid);
      if (said !== null) setTold(said);
    });
  }, []);

  useEffect(() => {
    // Asks again sooner while something moves (sync-poll.ts).
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      await refreshSync();
      if (!stopped) timer = setTimeout(() => void poll(), syncPollMs(useSession.getState().sync));
    };
    void poll();
    // Every change of the status, whoever asked for it (poll, "Sincronizar ahora", sign-in).
    const unfollow = useSession.subscribe((state, before) => {
      if (state.sync !== before.sync) follow(before.sync, state.sync);
    });
    // A record read after an action: the queue just grew (or an action was refused), so
    // the header's pending count must agree with the record's at once, not at the next poll.
    const unwatch = useApp.subscribe((state, before) => {
      if (state.record !== before.record && state.record !== null) void refreshSync();
    });
    // The browser's (or the OS's) word that the network is back, or gone: only a hint, so main
    // probes the central API now instead of at its next probe or pull (reachability.ts).
    const onOnline = () => {
      void call('sync.hint', { online: true })
        .catch(() => undefined)
        .then(() => refreshSync());
    };
    const onOffline = () => void useSession.getState().checkSync();
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      unfollow();
      unwatch();
    };
  }, [refreshSync]);

  if (!sync) return null;
  const issues = toReview(sync);
  const tone =
    sync.stuck ||
    issues > 0 ||
    sync.state === 'upgrade_required' ||
    sync.state === 'device_fork' ||
    // A revoked desk syncs no more (it was green).
    sync.state === 'revoked'
      ? 'sync-alert'
      : sync.state === 'offline' ||
          sync.state === 'signed_out' ||
          sync.replicaIncomplete ||
          // No central API: what is queued cannot leave this desk.
          (sync.state === 'not_configured' && sync.pending > 0)
        ? 'sync-warn'
        : // No central API and nothing waiting: not the green of a desk in sync.
          sync.state === 'not_configured'
          ? 'sync-idle'
          : 'sync-ok';
  const parts: string[] = [syncStateLabels[sync.state]];
  if (preparingSearch(sync)) parts.push(syncMessages.badgeIndexing);
  else if (sync.initialSync) {
    const { done, total } = sync.initialSync;
    parts.push(syncMessages.badgeInitial(Math.floor((100 * done) / Math.max(1, total))));
  }
  if (sync.scopeChange) {
    const { done, total } = sync.scopeChange;
    parts.push(syncScaleMessages.badgeScope(Math.floor((100 * done) / Math.max(1, total))));
  }
  parts.push(syncMessages.pendingShort(sync.pending, sync.waitingForOtherAgent));
  if (sync.lastSyncAt) parts.push(syncMessages.badgeLast(sync.lastSyncAt, new Date()));
  if (issues > 0) parts.push(syncMessages.badgeIssues(issues));
  if (sync.stuck) parts.push(syncMessages.badgeStuck);

  return (
    <>
      <button
        type="button"
        className={`sync-indicator ${tone}`}
        aria-label={syncMessages.badgeLabel(parts.join(', '))}
        onClick={() => {
          show('sync');
          if (issues > 0) focusSyncReview();
          else focusViewHeading();
        }}
      >
        {parts.join(' · ')}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {told}
      </span>
    </>
  );
}
