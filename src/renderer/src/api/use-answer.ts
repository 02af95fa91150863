/**
 * A list asked of main when a screen opens and again on «Actualizar» (the devices, a company's
 * prevention officers): its answer, the Spanish message of its failure, and whether it is being
 * asked. Only the latest question's answer is kept: a slower, older one never overwrites it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './client';

export function useAnswer<T>(ask: () => Promise<T>, failed: string, enabled = true) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(enabled);
  const latest = useRef(0);

  const run = useCallback(() => {
    const asked = ++latest.current;
    return ask()
      .then((answer) => {
        if (asked === latest.current) setValue(answer);
      })
      .catch((failure: unknown) => {
        if (asked === latest.current) {
          setError(failure instanceof ApiError ? failure.message : failed);
        }
      })
      .finally(() => {
        if (asked === latest.current) setLoading(false);
      });
  }, [ask, failed]);

  useEffect(() => {
    if (enabled) void run();
  }, [run, enabled]);

  const reload = useCallback(() => {
    setLoading(true);
    setError(null);
    void run();
  }, [run]);

  return { value, error, loading, reload };
}
