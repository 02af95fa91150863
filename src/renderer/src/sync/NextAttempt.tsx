import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { syncMessages } from '../../../shared/messages';

/**
 * «Próximo intento»: counted down each second from what the last status said (it is read again
 * only when something changes), so «en 2 s» does not stay on screen long after the attempt.
 */
export function NextAttempt({ sync }: { sync: SyncStatus }) {
  const inMs = sync.nextAttemptInMs;
  // How long ago this status arrived, measured each second while it is the one on screen.
  const [elapsed, setElapsed] = useState<{ of: SyncStatus; ms: number } | null>(null);
  useEffect(() => {
    if (inMs === null) return;
    const arrived = Date.now();
    const timer = setInterval(() => setElapsed({ of: sync, ms: Date.now() - arrived }), 1_000);
    return () => clearInterval(timer);
  }, [sync, inMs]);
  if (inMs === null) return <>—</>;
  const left = Math.ceil((inMs - (elapsed?.of === sync ? elapsed.ms : 0)) / 1000);
  return <>{left > 0 ? syncMessages.inSeconds(left) : syncMessages.attemptNow}</>;
}
