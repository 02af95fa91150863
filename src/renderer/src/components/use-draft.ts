/**
 * What the agent is typing that a reload must not lose (a call's closing notes): kept in main's
 * memory for the agent signed in while it is typed (draft-handlers.ts, never on disk), given back
 * after a reload, and forgotten once saved (`clear`) or when the agent's session ends. A key of
 * its own per thing typed: another call's form starts from that call's draft, or empty.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api/client';

export function useDraft<T extends string>(
  key: string,
  initial: T,
): [T, (value: T) => void, () => void] {
  // Held with its key: under another key (another call) it is that key's, or the initial value.
  const [held, setHeld] = useState<{ key: string; value: T }>({ key, value: initial });
  const value = held.key === key ? held.value : initial;
  // Typed before main answered: what was typed wins over what was kept.
  const typed = useRef(false);
  useEffect(() => {
    typed.current = false;
    let current = true;
    call('drafts.get', { key })
      .then(({ value: kept }) => {
        if (current && !typed.current && kept !== null) setHeld({ key, value: kept as T });
      })
      // Not kept (main unreachable a moment): the field starts empty, as before drafts.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [key]);
  const set = useCallback(
    (next: T) => {
      typed.current = true;
      setHeld({ key, value: next });
      void call('drafts.put', { key, value: next === initial ? '' : next }).catch(() => undefined);
    },
    [key, initial],
  );
  const clear = useCallback(() => {
    void call('drafts.put', { key, value: '' }).catch(() => undefined);
  }, [key]);
  return [value, set, clear];
}
