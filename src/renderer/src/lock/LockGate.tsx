/**
 * The idle lock around the whole app: while an agent is signed in it watches for input, and
 * after the policy's minutes without any it locks the session in main and shows the lock
 * screen instead of the desk (the desk is unmounted: nothing of any person stays on screen).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AgentSession, LockState } from '../../../shared/contract';
import { DEFAULT_IDLE_LOCK_SECONDS } from '../../../shared/idle-lock';
import { lockScreenMessages as t } from '../../../shared/messages';
import { call } from '../api/client';
import { SignInScreen } from '../components/SignInScreen';
import { useSession } from '../session-store';
import { LockScreen } from './LockScreen';
import { useIdleLock } from './use-idle-lock';

export function LockGate({ children }: { children: ReactNode }) {
  const session = useSession((s) => s.session);
  const [state, setState] = useState<LockState | null>(null);
  const [otherAgent, setOtherAgent] = useState(false);

  // Asked again whenever who is signed in changes (a reload of a locked desk shows the lock).
  useEffect(() => {
    let current = true;
    call('auth.lockState', {})
      .then((next) => current && setState(next))
      .catch(() => current && setState({ idleSeconds: DEFAULT_IDLE_LOCK_SECONDS, locked: null }));
    return () => {
      current = false;
    };
  }, [session]);

  const lock = useCallback(() => {
    void call('auth.lock', { reason: 'idle' })
      .then((next) => {
        setState(next);
        setOtherAgent(false);
        // The session now lives only in main, set aside until the password brings it back.
        useSession.setState({ session: null, dialog: null });
      })
      .catch(() => undefined);
  }, []);

  const locked = state?.locked ?? null;
  useIdleLock(
    session !== null && state !== null && locked === null,
    state?.idleSeconds ?? DEFAULT_IDLE_LOCK_SECONDS,
    lock,
  );

  const unlocked = (restored: AgentSession) => {
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
  return <>{children}</>;
}
