/**
 * What the sync badge says to a screen reader when a status changes (the badge's own text changes
 * silently, at every poll): the desk's link to the central, and what came to review.
 */
import type { SyncStatus } from '../../../shared/contract';
import { syncMessages } from '../../../shared/messages';

/** What needs a person in Sincronización: conflicts, rejections, mails withheld. */
export const toReview = (status: SyncStatus) =>
  status.conflicts + status.rejected + status.mailsWithheld;

/** States that keep the desk's actions here until someone does something. */
const STOPPED = ['signed_out', 'upgrade_required', 'device_fork', 'revoked'] as const;
type Stopped = (typeof STOPPED)[number];
const isStopped = (state: SyncStatus['state']): state is Stopped =>
  (STOPPED as readonly string[]).includes(state);

/**
 * What to say of a change of the desk's link to the central, if the status changed it: the
 * connection lost (said once, not at each failed retry), back (only after it was said lost), or
 * a stop that needs someone.
 */
export function linkChange(
  previous: SyncStatus,
  next: SyncStatus,
  lostSaid: { current: boolean },
): string | null {
  const said = syncMessages.linkSaid;
  if (isStopped(next.state)) return next.state === previous.state ? null : said[next.state];
  if (next.state === 'offline' && previous.online) {
    lostSaid.current = true;
    return said.offline;
  }
  if (next.online && lostSaid.current) {
    lostSaid.current = false;
    return said.back;
  }
  return null;
}

/**
 * The words for a change of status, or null: both when one status brings both (back online, and a
 * conflict with it); fewer to review, what is left. Back online, what waits for review is said again: the conflict a push
 * brought may have been said a status before the link was seen back, and «de nuevo en línea»
 * alone would replace it.
 */
export function statusSaid(
  previous: SyncStatus,
  next: SyncStatus,
  lostSaid: { current: boolean },
): string | null {
  const link = linkChange(previous, next, lostSaid);
  const [before, now] = [toReview(previous), toReview(next)];
  const review =
    now > before || (link === syncMessages.linkSaid.back && now > 0)
      ? syncMessages.reviewGrew(now)
      : // Settled in Sincronización: what is left, or the region keeps the count before.
        now < before
        ? syncMessages.reviewLeft(now)
        : null;
  const said = [link, review].filter((part): part is string => part !== null);
  return said.length > 0 ? said.join(' ') : null;
}
