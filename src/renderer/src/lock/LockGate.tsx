/**
 * The idle lock around the whole app: while an agent is signed in it watches for input, and
 * after the policy's minutes without any it locks the session in main and shows the lock
 * screen instead of the desk. The agent can also lock it at once before stepping away
 * («Bloquear», Ctrl+Mayús+L: `useLockNow`).
 *
 * While locked, the desk is kept but not shown (display: none, inert; its keyboard shortcuts
 * stand still: `deskHidden`): nothing of any person is on screen, and the same agent unlocking
 * finds what they were typing — a dialog, a call's notes — as they left it. Another agent signing
 * in, or the locked session ending, starts from an empty desk (session-store's forgetScreens).
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { AgentSession, LockState } from '../../../shared/contract';
import { DEFAULT_IDLE_LOCK_SECONDS } from '../../../shared/idle-lock';
import { lockScreenMessages as t, signInMessages } from '../../../shared/messages';
import { call } from '../api/client';
import { SignInScreen } from '../sign-in/SignInScreen';
import { useApp } from '../store';
import { forgetScreens, useSession } from '../session-store';
import { LockScreen } from './LockScreen';
import { setDeskHidden } from './desk-hidden';
import { DialogRootContext } from '../components/dialog-root';
import { useIdleLock } from './use-idle-lock';

type LockNow = (reason: 'idle' | 'manual') => void;
const LockNowContext = createContext<LockNow>(() => undefined);

/** Locks the desk now (the agent steps away from a shared desk). */
export function useLockNow(): LockNow {
  return useContext(LockNowContext);
}

const fallbackState: LockState = {
  idleSeconds: DEFAULT_IDLE_LOCK_SECONDS,
  agentId: null,
  locked: null,
};
/** How often a signed-in desk asks main whether it was locked meanwhile. */
const LOOK_AGAIN_MS = 5000;

export function LockGate({ children }: { children: ReactNode }) {
  const session = useSession((s) => s.session);
  const [state, setState] = useState<LockState | null>(null);
  const [otherAgent, setOtherAgent] = useState(false);
  const [dialogRoot, setDialogRoot] = useState<HTMLElement | null>(null);
  /** Bumped on every lock and unlock here: an answer asked for before one is out of date. */
  const changes = useRef(0);
  /** Where the focus was when the desk locked: it goes back there when the same agent returns. */
  const focusedBeforeLock = useRef<Element | null>(null);
  const lockedRef = useRef<LockState['locked']>(null);

  // Asked again whenever who is signed in changes (a reload of a locked desk shows the lock),
  // when the window comes back to the front, and every few seconds: main may have locked the
  // desk by itself (the computer was locked or went to sleep).
  useEffect(() => {
    let current = true;
    const look = () => {
      const asked = changes.current;
      call('auth.lockState', {})
        .then((next) => {
          if (!current || asked !== changes.current) return;
          const was = lockedRef.current;
          const agent = useSession.getState().session;
          if (next.locked && !was) focusedBeforeLock.current = document.activeElement;
          // The locked session ended in main without this window unlocking it (attempts ran out
          // elsewhere, a revocation): nothing of it stays, not even hidden.
          if (was && !next.locked && agent?.username === was.username) {
            ended();
            return;
          }
          // Someone is signed in and nothing is locked: the other-agent form is done with.
          if (!next.locked && agent) setOtherAgent(false);
          // Main's session is no longer this window's agent — signed out, or another agent signed
          // in or locked the desk, in another window: nothing of this one's desk stays (to be
          // seen, or acted on, by whoever unlocks), and the window asks to sign in again. One
          // answer says both whether the desk is locked and whose it is.
          const elsewhere = next.locked
            ? next.locked.username !== agent?.username
            : next.agentId !== agent?.agentId;
          if (agent && elsewhere) useSession.getState().endedElsewhere();
          lockedRef.current = next.locked;
          setState(next);
        })
        .catch(() => current && setState((previous) => previous ?? fallbackState));
    };
    look();
    const timer = session ? window.setInterval(look, LOOK_AGAIN_MS) : undefined;
    window.addEventListener('focus', look);
    return () => {
      current = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', look);
    };
  }, [session]);

  const lock = useCallback<LockNow>((reason) => {
    const focused = document.activeElement;
    void call('auth.lock', { reason })
      .then((next) => {
        changes.current += 1;
        focusedBeforeLock.current = focused;
        lockedRef.current = next.locked;
        setState(next);
        setOtherAgent(false);
      })
      .catch(() => undefined);
  }, []);

  const idleLock = useCallback(() => lock('idle'), [lock]);
  const locked = state?.locked ?? null;
  useIdleLock(
    session !== null && state !== null && locked === null,
    state?.idleSeconds ?? DEFAULT_IDLE_LOCK_SECONDS,
    idleLock,
  );

  const unlocked = (restored: AgentSession) => {
    changes.current += 1;
    lockedRef.current = null;
    // Unlocked by another agent than this window's (its desk was someone else's): a fresh desk.
    if (useSession.getState().session?.agentId !== restored.agentId) forgetScreens();
    useSession.setState({ signedOutBecause: null });
    setState((previous) => previous && { ...previous, locked: null });
    useSession.setState({ session: restored });
    void useSession.getState().refreshInteraction();
    void useSession.getState().refreshSync();
    useApp.getState().readAgain();
    // The desk is shown again: the focus goes back where the agent left it.
    const focused = focusedBeforeLock.current;
    focusedBeforeLock.current = null;
    requestAnimationFrame(() => {
      if (focused instanceof HTMLElement && focused.isConnected) focused.focus();
    });
  };

  // The locked session is over (attempts ran out, signed out from the lock): nothing of it stays.
  /**
   * The locked session ended without this window unlocking it: the sign-in says so — in this
   * window's own words when it knows why (its attempts ran out: `because`), never as if someone
   * else had signed in.
   */
  function ended(because: string = signInMessages.lockedEnded) {
    changes.current += 1;
    lockedRef.current = null;
    focusedBeforeLock.current = null;
    useSession.getState().endedElsewhere(because);
    setState((previous) => previous && { ...previous, locked: null });
  }

  // Another agent is signing in from the lock screen: their form, not the desk or the lock.
  const choosingOther = otherAgent && session === null;
  const hidden = locked !== null || choosingOther;
  useLayoutEffect(() => {
    setDeskHidden(hidden);
  }, [hidden]);

  // Until main has said whether this desk is locked, show nothing rather than the wrong screen.
  if (state === null) return null;
  return (
    <>
      {/* One place in the tree, locked or not: the desk behind the lock is the same desk. */}
      <div style={{ display: hidden ? 'none' : 'contents' }} inert={hidden}>
        {/* Signed out (a reload of a locked desk): nothing to keep, no second sign-in form. */}
        {(!hidden || session) && (
          <LockNowContext.Provider value={lock}>
            <DialogRootContext.Provider value={dialogRoot}>{children}</DialogRootContext.Provider>
          </LockNowContext.Provider>
        )}
        {/* The desk's dialogs: hidden with it (dialog-root.ts). */}
        <div ref={setDialogRoot} />
      </div>
      {locked && !otherAgent && (
        <LockScreen
          state={{ ...state, locked }}
          onUnlocked={unlocked}
          onEnded={ended}
          onOtherAgent={() => setOtherAgent(true)}
        />
      )}
      {otherAgent && (locked || choosingOther) && (
        <>
          <aside className="lock-other-agent" aria-label={t.title}>
            {t.otherAgentNote}{' '}
            <button type="button" className="link" onClick={() => setOtherAgent(false)}>
              {t.back}
            </button>
          </aside>
          <SignInScreen />
        </>
      )}
    </>
  );
}
