import { useEffect } from 'react';
import { formatTime } from '../../../shared/format';
import { syncStateLabels } from '../../../shared/messages';
import { useSession } from '../session-store';

const POLL_MS = 3000;

/** Online or not, what is waiting, when it last synced, and anything that needs a person. */
export function SyncIndicator() {
  const sync = useSession((s) => s.sync);
  const refreshSync = useSession((s) => s.refreshSync);
  const show = useSession((s) => s.show);

  useEffect(() => {
    void refreshSync();
    const timer = setInterval(() => void refreshSync(), POLL_MS);
    return () => clearInterval(timer);
  }, [refreshSync]);

  if (!sync) return null;
  const issues = sync.conflicts + sync.rejected;
  const tone =
    sync.stuck || issues > 0 || sync.state === 'upgrade_required' || sync.state === 'device_fork'
      ? 'sync-alert'
      : sync.state === 'offline' || sync.state === 'signed_out'
        ? 'sync-warn'
        : 'sync-ok';
  const parts: string[] = [syncStateLabels[sync.state]];
  if (sync.initialSync) {
    parts.push(
      `carga inicial ${Math.floor((100 * sync.initialSync.done) / Math.max(1, sync.initialSync.total))} %`,
    );
  }
  parts.push(sync.pending === 1 ? '1 pendiente' : `${sync.pending} pendientes`);
  if (sync.lastSyncAt) parts.push(`últ. ${formatTime(sync.lastSyncAt)}`);
  if (issues > 0) parts.push(issues === 1 ? '1 por revisar' : `${issues} por revisar`);
  if (sync.stuck) parts.push('la cola no avanza');

  return (
    <button
      type="button"
      className={`sync-indicator ${tone}`}
      aria-label={`Sincronización: ${parts.join(', ')}`}
      onClick={() => show('sync')}
    >
      {parts.join(' · ')}
    </button>
  );
}
