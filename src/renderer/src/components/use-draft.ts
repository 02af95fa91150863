/**
 * What the agent is typing that a reload must not lose (a call's closing notes): kept in this
 * window's session storage under a key of its own while it is typed, given back after a reload,
 * and forgotten once saved (`clear`) or when the agent signs out (forgetDrafts). Never written
 * to disk by the desk: session storage goes with the window.
 */
import { useCallback, useState } from 'react';

const PREFIX = 'mesa-draft:';

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Storage refused (a browser setting): the draft lives in memory only, as before.
    return null;
  }
}

export function useDraft<T extends string>(
  key: string,
  initial: T,
): [T, (value: T) => void, () => void] {
  const name = PREFIX + key;
  const [value, setValue] = useState<T>(() => (storage()?.getItem(name) as T | null) ?? initial);
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        if (next === initial) storage()?.removeItem(name);
        else storage()?.setItem(name, next);
      } catch {
        // Full or refused: kept in memory, as before.
      }
    },
    [name, initial],
  );
  const clear = useCallback(() => {
    storage()?.removeItem(name);
  }, [name]);
  return [value, set, clear];
}

/** Every draft of this window: the next agent to sign in here finds none. */
export function forgetDrafts(): void {
  const kept = storage();
  if (!kept) return;
  for (const key of Object.keys(kept)) if (key.startsWith(PREFIX)) kept.removeItem(key);
}
