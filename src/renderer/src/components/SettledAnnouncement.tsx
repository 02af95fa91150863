/**
 * Words said to a screen reader once typing stops: what changes at each keystroke (the search's
 * count and notices, a RUT field's note) stays silent where it is shown, and this says only where
 * it settled. A half-typed RUT's «RUT inválido» is true of that half only.
 */
import { useEffect, useState } from 'react';

/** Quiet time after the last change before it is read out. */
export const SETTLE_MS = 700;

export function SettledAnnouncement({ text }: { text: string }) {
  const [said, setSaid] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSaid(text), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <p className="visually-hidden" aria-live="polite">
      {said}
    </p>
  );
}
