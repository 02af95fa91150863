/**
 * Watches for keyboard and pointer input while an agent is signed in and calls `onIdle` once
 * the policy's seconds pass without any (src/shared/idle-lock.ts decides).
 */
import { useEffect, useRef } from 'react';
import { shouldLock } from '../../../shared/idle-lock';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'input'];
/** How often the clock is looked at; the lock comes at most this late. */
const CHECK_EVERY_MS = 1000;

export function useIdleLock(active: boolean, idleSeconds: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (!active) return;
    let lastInputAt = Date.now();
    let fired = false;
    const onInput = () => {
      lastInputAt = Date.now();
    };
    for (const name of INPUT_EVENTS) {
      window.addEventListener(name, onInput, { capture: true, passive: true });
    }
    // An interval, not one long timeout: a laptop waking from sleep locks at once.
    const timer = window.setInterval(() => {
      if (!fired && shouldLock(lastInputAt, Date.now(), idleSeconds)) {
        fired = true;
        onIdleRef.current();
      }
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    };
  }, [active, idleSeconds]);
}
