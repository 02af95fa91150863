/**
 * The address of the central API (Sincronización → Ajustes): where this desk syncs and where
 * its agents' passwords go. Only a supervisor changes it, with a reason kept in the audit;
 * removing it (a desk that stops syncing) is a change like any other.
 */
import { centralUrlProblem } from '../../shared/central-url';
import { Health } from '../../shared/sync-protocol';
import { adminReason, auditSupervisorDecision } from './central-admin';
import type { ServiceContext, Session } from './context';
import { ForbiddenError, RuleError } from './errors';

type AddressInput = { centralUrl: string | null; reason: string };

/**
 * What saving `input` would do, checked before anything is asked of the network: who may, an
 * acceptable address, a reason when it changes. Throws what refuses it.
 */
export function plannedCentralAddress(
  session: Session,
  current: string | null,
  input: AddressInput,
): { changed: boolean; url: string | null; reason: string } {
  if (session.role !== 'supervisor') throw new ForbiddenError('role');
  const url = input.centralUrl?.trim() || null;
  const problem = url === null ? null : centralUrlProblem(url);
  if (problem !== null) throw new RuleError('invalid_central_url', { why: problem });
  if (url === current) return { changed: false, url, reason: '' };
  return { changed: true, url, reason: adminReason(input.reason) };
}

/** Why a change of the central address was refused, as its audit event keeps it. */
export type AddressRefusal = 'role' | 'invalid_url' | 'not_answering';

/**
 * A refused change of the central address, in the audit: where passwords go is the desk's most
 * sensitive setting, so an attempt to point it elsewhere leaves a trace even when nothing changed
 * (by someone not a supervisor, to an address not allowed or not answering).
 */
export function auditRefusedAddress(
  ctx: ServiceContext,
  session: Session,
  current: string | null,
  input: AddressInput,
  refused: AddressRefusal,
): void {
  auditSupervisorDecision(ctx, session, {
    action: 'central.configure_refused',
    before: { centralUrl: current },
    // Not `centralUrl` on both sides: read as a change, it would say the desk was pointed there.
    after: { askedUrl: input.centralUrl?.trim() || null, refused },
    reason: input.reason?.trim() ?? '',
  });
}

/** The address to store (null: none), or null when it is the one already in use. */
export function changeCentralAddress(
  ctx: ServiceContext,
  session: Session,
  current: string | null,
  input: AddressInput,
): { changed: boolean; url: string | null } {
  const planned = plannedCentralAddress(session, current, input);
  if (!planned.changed) return planned;
  auditSupervisorDecision(ctx, session, {
    action: 'central.configure',
    before: { centralUrl: current },
    after: { centralUrl: planned.url },
    reason: planned.reason,
  });
  return { changed: true, url: planned.url };
}

/**
 * Whether a central API of this kind answers at `url` (its /health). Asked before a new address
 * is kept: once kept, every sign-in on this desk goes there, and an address that answers nothing
 * (a typo) would let in only those who signed in online here in the last 3 days (or nobody, on
 * a desk that never had a central API) to correct it. A bare request, not the central client's
 * `health()`: that one sends this device's secret, which goes to no address not yet trusted.
 */
export async function centralAnswersAt(
  url: string,
  timeoutMs: number,
  doFetch: typeof fetch = fetch,
): Promise<boolean> {
  try {
    const response = await doFetch(`${url.replace(/\/+$/, '')}/health`, {
      signal: AbortSignal.timeout(timeoutMs),
      // The address itself must answer: one that sends elsewhere is not the central API.
      redirect: 'error',
    });
    if (!response.ok) return false;
    return Health.safeParse(await response.json()).success;
  } catch {
    return false;
  }
}
