import { call } from '../api/client';
import { useSession } from '../session-store';
import { actionsHeld } from './actions-held';

/** How long the toast of an action waits to hear that it reached the central API. */
export const PUSH_WAIT_MS = 1_500;

/**
 * After an action, whether it still waits on this desk: at once when the desk already knew it
 * could not sync; otherwise once the sync the action itself started has ended (`sync.settled`: it
 * pushes the action; none more is started), or PUSH_WAIT_MS without an answer. So a central API that went away moments before the
 * agent confirmed is not reported as having the change. The status heard is kept.
 */
export async function heldAfterPush(): Promise<boolean> {
  const { sync } = useSession.getState();
  if (sync === null) return false;
  // Before the no-central case: a desk disconnected from its central holds (actionsHeld).
  if (actionsHeld(sync)) return true;
  if (!sync.configured) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const heard = await Promise.race([
    call('sync.settled', {}).catch(() => null),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), PUSH_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (heard === null) return true;
  useSession.setState({ sync: heard });
  return actionsHeld(heard) || heard.pending - heard.waitingForOtherAgent > 0;
}

/**
 * The action's own fate once the sync it started has settled: in conflict, or rejected by the
 * central API (read from its person's record, with no new «Vio la ficha»); null when it applied,
 * or when that cannot be told. A toast never says «hecho» of a change the central did not apply
 * (walk 60b M3: «Datos de contacto actualizados.» under a conflict's red banner).
 */
export async function unappliedAfterPush(
  actionId: string,
): Promise<'conflict' | 'rejected' | null> {
  try {
    const record = await call('persons.afterAction', { actionId });
    return record.unsettledActions.find((action) => action.actionId === actionId)?.state ?? null;
  } catch {
    return null;
  }
}
