/**
 * A temporary lock ends by itself (rule 3): while its record or its search results are on
 * screen, they are read again when it ends, so nothing goes on telling the caller to wait until
 * a time already past, nor offers to unlock what is open (walk 60a M2).
 */
import { useEffect } from 'react';
import { useApp } from '../store';
import { nextLockEnd } from './next-lock-end';

/** Read again this long after the end: the desk's clock and main's may differ a little. */
const AFTER_END_MS = 1_000;
/** setTimeout's longest wait; a lock that long is read again when the screen changes anyway. */
const LONGEST_WAIT_MS = 2 ** 31 - 1;

/** Waits until `end` (ms) and then runs `read`; the cleanup cancels it. */
function readAt(end: number | null, read: () => void): (() => void) | undefined {
  if (end === null) return undefined;
  const wait = end - Date.now() + AFTER_END_MS;
  if (wait > LONGEST_WAIT_MS) return undefined;
  const timer = setTimeout(read, Math.max(0, wait));
  return () => clearTimeout(timer);
}

/** Mounted once: the record and the results on screen are read again as their locks end. */
export function useReadAgainAtLockEnds(): void {
  const record = useApp((s) => s.record);
  const rows = useApp((s) => s.rows);
  useEffect(() => {
    if (!record) return undefined;
    const badges = [record.badges, ...record.accounts.map((account) => account.badges)];
    return readAt(nextLockEnd(badges, Date.now()), () => void useApp.getState().reloadRecord(true));
  }, [record]);
  useEffect(() => {
    const badges = rows.flatMap((row) => (row.kind === 'person' ? [row.person.badges] : []));
    return readAt(nextLockEnd(badges, Date.now()), () => useApp.getState().refreshResults(true));
  }, [rows]);
}
