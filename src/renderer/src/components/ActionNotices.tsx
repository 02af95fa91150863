/**
 * What every action dialog says first, the person's and the company's alike: that the desk
 * cannot sync now (the change stays here until it does), and that someone calling in the
 * person's name cannot ask for this change (seed 000: «el acceso es personal»).
 */
import type { SyncStatus } from '../../../shared/contract';
import { heldMessages, onBehalfText, syncStateLabels } from '../../../shared/messages';
import type { OnBehalfRelation } from '../../../shared/policy';
import { useInteractionWords } from './interaction-words';

export function ActionNotices({
  heldIn,
  onBehalf,
}: {
  heldIn: SyncStatus['state'] | null;
  onBehalf: { name: string; relation: OnBehalfRelation } | null;
}) {
  const words = useInteractionWords().bar;
  return (
    <>
      {heldIn && (
        <p className="notice notice-warn" role="note">
          {heldMessages.dialogNote(syncStateLabels[heldIn])}
        </p>
      )}
      {onBehalf && (
        <p className="notice notice-danger" role="note">
          {words.onBehalf.refused(onBehalfText(onBehalf))}
        </p>
      )}
    </>
  );
}
