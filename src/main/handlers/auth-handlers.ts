/**
 * Who is signed in on this desk, and the `auth.*` channels that change it, registered beside the
 * others in core.ts: the sign-in (through the central API when the desk syncs with one; here
 * alone when it cannot be reached, then carried there once it answers), the sign-out, the screen
 * lock, and what a shared desk owes the central API (issue 11): a session that ends here ends
 * there too, and a revoked or re-enrolled device signs everyone out.
 */
import type { AgentSession } from '../../shared/contract';
import { idleLockSeconds, unlockAttemptsLeft } from '../../shared/idle-lock';
import { syncMessages } from '../../shared/messages';
import { loginRut, rutFromBody } from '../../shared/rut';
import type { Handlers } from '../core';
import { REPLICA_STATE_KEYS, scopeKey } from '../repositories/replica-state';
import {
  DeviceUntrustedError,
  keepCentralSignIn,
  signInThroughCentral,
} from '../services/central-sign-in';
import type { ServiceContext, Session } from '../services/context';
import { RuleError, UnauthorizedError } from '../services/errors';
import { endLockedSession, lockScreen, unlockScreen } from '../services/screen-lock';
import { auditSignIn, auditSignInRefused, auditSignOut } from '../services/session-audit';
import { signIn } from '../services/sign-in';
import { CentralError, type createCentralClient } from '../sync/central-client';
import type { DeviceEnrolment } from '../sync/device-enrolment';
import type { createOwedSignOuts } from '../sync/owed-sign-outs';
import type { ReplicaWriter } from '../sync/replica-writer';
import type { Revocation } from '../sync/revocation';
import type { SyncEngine, TokenStore } from '../sync/sync-engine';
import { createWrongPasswords } from '../services/wrong-passwords';

type CentralClient = ReturnType<typeof createCentralClient>;

type AuthChannel =
  'auth.signIn' | 'auth.signOut' | 'auth.session' | 'auth.lock' | 'auth.unlock' | 'auth.lockState';

type Deps = {
  context: ServiceContext;
  tokens: TokenStore;
  writer: ReplicaWriter;
  enrolment: DeviceEnrolment;
  revocation: Revocation;
  owedSignOuts: ReturnType<typeof createOwedSignOuts>;
  /** The central API the desk syncs with now (none, or another, after the settings change). */
  central: () => { client: CentralClient | null; url: string | null; engine: SyncEngine | null };
  /** The sync started over, for the device's new identity (`reenrol`). */
  restartSync: () => void;
  /** An agent's session ended here (not a lock): what is kept for it goes (draft-handlers). */
  sessionEnded?: (agentId: string) => void;
  /** Seconds without input before the screen locks (src/shared/idle-lock.ts by default). */
  idleLockSeconds?: number;
  log: (message: string, error?: unknown) => void;
};

export function deskAuth(deps: Deps) {
  const { context, tokens, writer, enrolment, revocation, owedSignOuts, log } = deps;
  let session: Session | null = null;
  // The screen lock (issue 9): a locked session is set aside, so every check treats the desk as
  // signed out until the same agent's password brings it back.
  let lockedSession: Session | null = null;
  let lockReason: 'idle' | 'manual' | 'system' = 'idle';
  let unlockFailures = 0;
  /**
   * An agent signed in while the central API could not be reached: what they typed, in memory
   * only, until the central API answers and signs them in there too (`resumeOffline`). Gone at
   * sign-out, at the next sign-in, at revocation, when the lock screen ends the session, and
   * when the central API refuses it or stops the sync for good.
   */
  let offlineSignIn: { agentId: string; username: string; password: string } | null = null;
  const wrongPasswords = createWrongPasswords();
  const lockPolicySeconds =
    deps.idleLockSeconds ?? idleLockSeconds({ envSeconds: process.env['MESA_IDLE_LOCK_SECONDS'] });

  const lockState = () => ({
    idleSeconds: lockPolicySeconds,
    agentId: session?.agentId ?? null,
    locked: lockedSession
      ? {
          username: lockedSession.username,
          displayName: lockedSession.displayName,
          reason: lockReason,
        }
      : null,
  });
  /** A new sign-in or a sign-out ends whatever session was locked. */
  const endLocked = (cause: 'sign_in' | 'attempts' | 'sign_out') => {
    if (lockedSession) {
      endLockedSession(context, lockedSession, cause);
      deps.sessionEnded?.(lockedSession.agentId);
    }
    lockedSession = null;
    unlockFailures = 0;
  };
  /** Nobody is signed in here any more, nor waiting to be signed in on the central API. */
  const endAll = (cause: 'sign_in' | 'sign_out') => {
    if (session) deps.sessionEnded?.(session.agentId);
    session = null;
    offlineSignIn = null;
    endLocked(cause);
  };
  const agent = (): Session => {
    if (!session) throw new UnauthorizedError();
    return session;
  };
  const toSession = (s: Session): AgentSession => ({
    agentId: s.agentId,
    username: s.username,
    displayName: s.displayName,
    role: s.role,
    companyRuts: s.companyRuts.map((rut) => loginRut(rutFromBody(rut))),
    personRut: s.personRut === null ? null : loginRut(rutFromBody(s.personRut)),
    signedInOffline: offlineSignIn?.agentId === s.agentId,
  });

  // Issue 11: a sign-out the central did not hear (offline) is sent when it is next reached.
  const deliverOwedSignOuts = () => {
    const { client: central, url } = deps.central();
    // (A probe answered as the desk closes: its replica is gone, and with it what was owed.)
    if (central && url && context.db.$client.open && owedSignOuts.count() > 0) {
      void owedSignOuts.deliver(url, (refreshToken) => central.signOut(refreshToken));
    }
  };
  /**
   * Signing out, or another agent signing in at a shared desk, ends the session on the central
   * API too (issue 11): its tokens stop working there and a supervisor's list of devices stops
   * showing it. Only once the sync cycle under way has been answered: a push already sent with
   * those tokens still lands. Never waited for: offline (no answer, or a server asking for
   * patience), the sign-out is owed and sent when the central API is next reached
   * (owed-sign-outs.ts).
   */
  const endCentralSession = () => {
    const held = tokens.load();
    tokens.save(null);
    const { client: central, url: issuer, engine } = deps.central();
    if (!held || !central) return;
    void (engine?.settled() ?? Promise.resolve())
      .then(() => central.signOut(held.refreshToken))
      .catch((error: unknown) => {
        // The desk closing meanwhile: its replica with it, nothing more to keep.
        if (!context.db.$client.open) return;
        if (error instanceof CentralError && ['network', 'unavailable'].includes(error.kind)) {
          try {
            if (issuer) owedSignOuts.owe(issuer, held.refreshToken);
          } catch (failure) {
            log('a sign-out the central API did not hear could not be kept', failure);
          }
        }
      });
  };
  const onRevoked = () => {
    revocation.revoke(context.deviceId);
    endAll('sign_out');
    tokens.save(null);
  };
  /** New id and secret, fresh snapshot, queue kept; every session ends (issue 11). */
  const reenrol = () => {
    context.deviceId = enrolment.reenrol();
    revocation.clear();
    endAll('sign_out');
    tokens.save(null);
    deps.restartSync();
  };

  /**
   * The central API answers again after an offline sign-in: the agent is signed in there with
   * what they typed, and their session (scope included) follows the central's answer. A refusal
   * (the password changed there, the agent was disabled) forgets what was typed: the sync waits
   * for the agent to sign in again, which the sync status says. False when that agent is no
   * longer the one signed in.
   */
  async function resumeOffline(): Promise<boolean> {
    const held = offlineSignIn;
    const asked = deps.central().client;
    if (!held || !asked) return false;
    const refused = (kind: string) => {
      offlineSignIn = null;
      if (kind === 'device_revoked') onRevoked();
    };
    // Someone else signed in or out meanwhile, or the desk now syncs with another central API.
    const overtaken = () => offlineSignIn !== held || deps.central().client !== asked;
    let answer: Awaited<ReturnType<CentralClient['signIn']>>;
    try {
      answer = await asked.signIn(
        held.username.trim().toLowerCase(),
        held.password,
        enrolment.nextMutationId(),
      );
    } catch (error) {
      if (overtaken()) return false;
      // The sync stops for good on these: what was typed is not kept for it.
      if (
        error instanceof CentralError &&
        ['upgrade_required', 'device_fork'].includes(error.kind)
      ) {
        offlineSignIn = null;
        throw error;
      }
      if (
        error instanceof CentralError &&
        ['invalid_credentials', 'agent_disabled', 'device_untrusted', 'device_revoked'].includes(
          error.kind,
        )
      ) {
        refused(error.kind);
        // Disabled meanwhile: no other offline sign-in of this agent here.
        if (error.kind === 'agent_disabled') {
          context.repos.agents.disable(held.username.trim().toLowerCase());
        }
        throw error.kind === 'device_revoked'
          ? error
          : new CentralError('unauthorized', syncMessages.keptSignInRefused);
      }
      throw error;
    }
    if (overtaken()) return false;
    if (answer.agent.agentId !== held.agentId) {
      refused('invalid_credentials');
      throw new CentralError('unauthorized', syncMessages.keptSignInOtherAgent);
    }
    offlineSignIn = null;
    const fresh = keepCentralSignIn(context, tokens, answer, held.password);
    deliverOwedSignOuts();
    if (session?.agentId === fresh.agentId) session = fresh;
    if (lockedSession?.agentId === fresh.agentId) lockedSession = fresh;
    writer.setState(REPLICA_STATE_KEYS.wantedScope, scopeKey(fresh));
    return true;
  }

  const handlers: Pick<Handlers, AuthChannel> = {
    'auth.signIn': (input) => {
      // Whoever was signed in is not any more, whether or not this attempt succeeds: neither
      // on this desk nor in its sync with the central API.
      if (session) auditSignOut(context, session.agentId, 'sign_in');
      endAll('sign_in');
      endCentralSession();
      /**
       * A refusal of what was typed is audited under the agent it names here, if any; a wrong
       * password again and again with one username says the limit before it stops them.
       */
      const refusal = (error: unknown): unknown => {
        auditRefusal(error);
        if (!(error instanceof RuleError) || error.code !== 'sign_in_failed') return error;
        if (error.params['device'] !== undefined) return error;
        return wrongPasswords.failed(input.username)
          ? new RuleError('sign_in_failed', { ...error.params, limitNear: 1 })
          : error;
      };
      const auditRefusal = (error: unknown) => {
        if (!(error instanceof RuleError)) return;
        if (error.code === 'sign_in_failed' && error.params['device'] === undefined) {
          auditSignInRefused(context, input.username, 'password');
        }
        if (error.code === 'sign_in_rate_limited') {
          auditSignInRefused(context, input.username, 'rate_limited');
        }
        if (error.code === 'sign_in_disabled') {
          auditSignInRefused(context, input.username, 'disabled');
        }
      };
      const { client } = deps.central();
      if (!client) {
        try {
          session = signIn(context, input.username, input.password);
        } catch (error) {
          throw refusal(error);
        }
        wrongPasswords.signedIn(input.username);
        auditSignIn(context, session.agentId, 'desk');
        return toSession(session);
      }
      // Issue 11: a revoked device signs nobody in; a device whose id the central knows with
      // another secret (lost keychain, copied folder) takes a new identity and tries once more.
      if (revocation.record()) throw new RuleError('device_revoked');
      const device = { nextMutationId: () => enrolment.nextMutationId(), onRevoked };
      // The client asked now: a second attempt goes through the one the new identity made.
      const attempt = () =>
        signInThroughCentral(
          context,
          deps.central().client ?? client,
          tokens,
          input.username,
          input.password,
          undefined,
          device,
        );
      return attempt()
        .catch((error: unknown) => {
          if (!(error instanceof DeviceUntrustedError)) throw error;
          reenrol();
          return attempt().catch((again: unknown) => {
            // Said as a failed sign-in; not the password's fault, so not audited as one.
            throw again instanceof DeviceUntrustedError
              ? new RuleError('sign_in_failed', { device: 'untrusted' })
              : again;
          });
        })
        .then((signedIn) => {
          session = signedIn;
          wrongPasswords.signedIn(input.username);
          auditSignIn(context, signedIn.agentId, tokens.load() ? 'central' : 'offline');
          // Signed in on the central API: what it did not hear of earlier sign-outs goes now.
          if (tokens.load()) deliverOwedSignOuts();
          // Signed in here only, the central API out of reach: in there as soon as it answers.
          if (!tokens.load()) {
            offlineSignIn = {
              agentId: signedIn.agentId,
              username: input.username,
              password: input.password,
            };
          }
          // Until a pull for this agent's scope completes, the replica may lack their rows.
          writer.setState(REPLICA_STATE_KEYS.wantedScope, scopeKey(signedIn));
          deps.central().engine?.kick();
          return toSession(signedIn);
        })
        .catch((error: unknown) => {
          // The desk closing meanwhile (its replica with it): nothing to audit it in.
          if (context.db.$client.open) throw refusal(error);
          throw error;
        });
    },
    'auth.signOut': () => {
      if (session) auditSignOut(context, session.agentId, 'sign_out');
      endAll('sign_out');
      // The agent's pending actions stay queued until they sign in again.
      endCentralSession();
      return {};
    },
    'auth.session': () => (session ? toSession(session) : null),
    'auth.lock': (input) => {
      const current = agent();
      lockScreen(context, current, input.reason);
      lockedSession = current;
      lockReason = input.reason;
      session = null;
      unlockFailures = 0;
      return lockState();
    },
    'auth.unlock': (input) => {
      const locked = lockedSession;
      if (!locked) throw new RuleError('screen_not_locked');
      try {
        session = unlockScreen(
          context,
          locked,
          input.password,
          unlockAttemptsLeft(unlockFailures + 1),
        );
      } catch (error) {
        unlockFailures += 1;
        if (unlockAttemptsLeft(unlockFailures) === 0) {
          endLocked('attempts');
          endCentralSession();
          // Ended for security: nobody is signed in on the central API with what was typed.
          offlineSignIn = null;
        }
        throw error;
      }
      lockedSession = null;
      unlockFailures = 0;
      return toSession(session);
    },
    'auth.lockState': () => lockState(),
  };

  return {
    handlers,
    /** The agent signed in (not locked), or UnauthorizedError: every handler's first check. */
    agent,
    signedIn: () => session !== null,
    /** A prevention officer's companies while he is signed in; null for anyone else, or nobody. */
    officerCompanies: () => (session?.role === 'prevention' ? session.companyRuts : null),
    /** Whose session this is, if anyone's (a download is handed only to its agent). */
    agentId: () => session?.agentId ?? null,
    /** Whose desk this is, signed in or locked: a window acting for anyone else is stale. */
    deskHolder: () => session?.agentId ?? lockedSession?.agentId ?? null,
    onRevoked,
    reenrol,
    deliverOwedSignOuts,
    /** For the sync engine: the agent signed in here only, and how to carry them there. */
    offlineSession: { agentId: () => offlineSignIn?.agentId ?? null, resume: resumeOffline },
    /** Issue 11: an officer's companies changed on the central API; his sessions follow. */
    scopeChanged(agentId: string, companyRuts: number[]) {
      if (session?.agentId === agentId) session = { ...session, companyRuts };
      if (lockedSession?.agentId === agentId) lockedSession = { ...lockedSession, companyRuts };
    },
  };
}

export type DeskAuth = ReturnType<typeof deskAuth>;
