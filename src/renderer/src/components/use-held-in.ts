import { useEffect } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { useSession } from '../session-store';
import { actionsHeld } from './actions-held';

/**
 * For an action's dialog: the sync state in which the action, taken now, would wait on this desk
 * (null: it goes at once). Asked afresh as the dialog opens, so a central API that went away
 * while the desk sat idle is known before the agent confirms, not at the next pull.
 */
export function useHeldIn(): SyncStatus['state'] | null {
  const checkSync = useSession((s) => s.checkSync);
  useEffect(() => {
    void checkSync();
  }, [checkSync]);
  return useSession((s) => (actionsHeld(s.sync) ? s.sync!.state : null));
}
