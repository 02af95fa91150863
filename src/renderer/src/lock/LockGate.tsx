/**
 * The idle lock around the whole app: while an agent is signed in it watches for input, and
 * after the policy's minutes without any it locks the session in main and shows the lock
 * screen instead of the desk (the desk is unmounted: nothing of any person stays on screen).
 * The agent can also lock it at once before stepping away («Bloquear», Ctrl+Mayús+L:
 * `useLockNow`).
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { AgentSession, LockState } from '../../../shared/contract';
import { DEFAULT_IDLE_LOCK_SECONDS } from '../../../shared/idle-lock';
import { lockScreenMessages as t } from '../../../shared/messages';
import { call } from '../api/client';
import { SignInScreen } from '../components/SignInScreen';
import { useSession } from '../session-store';
import { LockScreen } from './LockScreen';
import { useIdleLock } from './use-idle-lock';

type LockNow = (reason: 'idle' | 'manual') => void;
const LockNowContext = createContext<LockNow>(() => undefined);

/** Locks the desk now (the agent steps away from a shared desk). */
export function useLockNow(): LockNow {
  return useContext(LockNowContext);
}

const fallbackState: LockState = { idleSeconds: DEFAULT_IDLE_LOCK_SECONDS, locked: null };
/** How often a signed-in desk asks main whether it was locked meanwhile. */
const LOOK_AGAIN_MS = 5000;

export function LockGate({ children }: { children: ReactNode }) {
  const session = useSession((s) => s.session);
  const [state, setState] = useState<LockState | null>(null);
  const [otherAgent, setOtherAgent] = useState(false);
  /** Bumped on every lock and unlock here: an answer asked for before one is out of date. */
  const changes = useRef(0);

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
          setState(next);
          if (next.locked && useSession.getState().session) {
            useSession.setState({ session: null, dialog: null });
          }
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
    void call('auth.lock', { reason })
      .then((next) => {
        changes.current += 1;
        setState(next);
        setOtherAgent(false);
        // The session now lives only in main, set aside until the password brings it back.
        useSession.setState({ session: null, dialog: null });
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
    setState((previous) => previous && { ...previous, locked: null });
    useSession.setState({ session: restored });
    void useSession.getState().refreshInteraction();
    void useSession.getState().refreshSync();
  };

  // Until main has said whether this desk is locked, show nothing rather than the wrong screen.
  if (state === null) return null;
  if (locked && !otherAgent) {
    return (
      <LockScreen
        state={{ ...state, locked }}
        onUnlocked={unlocked}
        onEnded={() => setState({ ...state, locked: null })}
        onOtherAgent={() => setOtherAgent(true)}
      />
    );
  }
  if (locked && otherAgent && !session) {
    return (
      <>
        <aside className="lock-other-agent" aria-label={t.title}>
          {t.otherAgentNote}{' '}
          <button type="button" className="link" onClick={() => setOtherAgent(false)}>
            {t.back}
          </button>
        </aside>
        <SignInScreen />
      </>
    );
  }
  return <LockNowContext.Provider value={lock}>{children}</LockNowContext.Provider>;
}
