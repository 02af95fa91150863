/**
 * What every action dialog says first, the person's and the company's alike: that the desk
 * cannot sync now (the change stays here until it does), and that someone calling in the
 * person's name cannot ask for this change (seed 000: «el acceso es personal»), and that the
 * action goes into a call (or visit) open with somebody else.
 */
import type { SyncStatus } from '../../../shared/contract';
import { heldMessages, onBehalfText } from '../../../shared/messages';
import type { OnBehalfRelation } from '../../../shared/policy';
import { useInteractionWords } from './interaction-words';

export function ActionNotices({
  heldIn,
  onBehalf,
  sendsMail = false,
  elsewhere = null,
  askedByCompany = false,
}: {
  heldIn: SyncStatus['state'] | null;
  onBehalf: { name: string; relation: OnBehalfRelation } | null;
  /** A mail asked while the desk cannot sync goes only if the action arrives fresh enough. */
  sendsMail?: boolean;
  /** The person of the open call or visit, when it is not the one acted on. */
  elsewhere?: string | null;
  /** A company's change: someone of the company asks it, and is the one told. */
  askedByCompany?: boolean;
}) {
  const words = useInteractionWords().bar;
  return (
    <>
      {heldIn && (
        <p className="notice notice-warn" role="note">
          {heldMessages.dialogNote(heldIn, askedByCompany)}
          {sendsMail && ` ${heldMessages.mailFreshness}`}
        </p>
      )}
      {elsewhere && (
        <p className="notice" role="note">
          {words.joinsElsewhere(elsewhere)}
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
