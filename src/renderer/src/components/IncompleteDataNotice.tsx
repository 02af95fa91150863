import { incompleteDataMessages as text, syncMessages } from '../../../shared/messages';
import type { SyncStatus } from '../../../shared/contract';
import { useSession } from '../session-store';
import { WAITS_ON_SOMEONE } from './actions-held';

/** The load stopped half-way because the central API cannot be reached. */
export const loadInterrupted = (sync: SyncStatus | null) =>
  sync?.state === 'offline' && !sync.online;

/** A first load's rows all in, the replica still incomplete: the search is being built. */
export const preparingSearch = (sync: SyncStatus | null) =>
  sync?.initialSync != null && sync.initialSync.done >= sync.initialSync.total;

/**
 * "Datos incompletos": shown wherever a fact is stated (results, record) while the replica may
 * be missing data — during a first sync, after another agent's sign-in changed whose rows this
 * desk holds, while search indexing catches up. Says how far the load got and what to do.
 * `force` shows it even if the live status already says complete (a record built before).
 */
export function IncompleteDataNotice({
  where,
  force = false,
}: {
  where: 'results' | 'record';
  force?: boolean;
}) {
  const sync = useSession((s) => s.sync);
  if (!force && !sync?.replicaIncomplete) return null;
  // A first sync, or (issue 11) an officer's newly assigned companies arriving.
  const progress = sync?.initialSync ?? sync?.scopeChange ?? null;
  const offline = loadInterrupted(sync);
  const indexing = preparingSearch(sync);
  const step = indexing
    ? text.indexing
    : progress
      ? text.progress(progress.done, progress.total)
      : text.waiting;
  const title = offline ? text.offlineTitle : indexing ? text.indexingTitle : text.title;
  return (
    <section
      className="notice notice-warn incomplete-data"
      aria-labelledby={`incomplete-${where}-title`}
    >
      <strong id={`incomplete-${where}-title`}>{title}</strong>
      <p>{where === 'results' ? text.results : text.record}</p>
      <p className="incomplete-step">{offline ? text.offline : step}</p>
      {progress && !indexing ? (
        <progress
          max={Math.max(progress.total, 1)}
          value={progress.done}
          aria-label={text.progressLabel}
        />
      ) : (
        !offline && <progress aria-label={text.progressLabel} />
      )}
    </section>
  );
}

/**
 * The header's person count: the replica's, following every sync status (it grows during a
 * first sync), marked as still loading while data may be missing.
 */
export function PersonCount({ count }: { count: number | null }) {
  const incomplete = useSession((s) => s.sync?.replicaIncomplete ?? false);
  // Cut off (the central API out of reach), or waiting on someone (a sign-in again, an update, a
  // new enrolment, an address), nothing is loading: «incompleta», not «cargando».
  const stopped = useSession(
    (s) =>
      loadInterrupted(s.sync) ||
      (s.sync !== null &&
        (s.sync.state === 'not_configured' || WAITS_ON_SOMEONE.has(s.sync.state))),
  );
  // Every person in: what is left is the search over them, not their loading.
  const indexing = useSession((s) => preparingSearch(s.sync));
  if (count === null) return <span className="muted" />;
  return (
    <span className="muted person-count">
      {!incomplete
        ? syncMessages.personCount(count)
        : stopped
          ? syncMessages.personCountStopped(count)
          : indexing
            ? syncMessages.personCountIndexing(count)
            : syncMessages.personCountLoading(count)}
    </span>
  );
}
