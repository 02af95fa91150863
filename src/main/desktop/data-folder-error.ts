/**
 * What the agent reads when the data folder cannot be opened at start: the folder, a Spanish
 * reason with what to do, and one line of technical detail for support. Never a stack trace.
 */
import { desktopMessages } from '../../shared/messages';

type ErrorLike = { code?: unknown; message?: unknown };

export function dataFolderErrorText(
  error: unknown,
  folder: string,
): { title: string; body: string } {
  const t = desktopMessages.dataFolder;
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const codeText = typeof code === 'string' ? code : '';
  let reason: string = t.other;
  if (/^SQLITE_(BUSY|LOCKED)/.test(codeText)) reason = t.busy;
  else if (
    ['EACCES', 'EPERM', 'EROFS'].includes(codeText) ||
    /^SQLITE_(READONLY|CANTOPEN|PERM)/.test(codeText)
  )
    reason = t.permission;
  else if (['ENOTDIR', 'EEXIST', 'EISDIR'].includes(codeText)) reason = t.notFolder;
  else if (codeText === 'ENOSPC' || codeText === 'SQLITE_FULL') reason = t.diskFull;
  else if (/^SQLITE_(CORRUPT|NOTADB)/.test(codeText)) reason = t.damaged;
  else if (codeText === 'REPLICA_KEY_KEYCHAIN_UNAVAILABLE') reason = t.keychain;
  else if (codeText === 'REPLICA_KEY_INVALID_ENV_KEY') reason = t.invalidKey;
  const firstLine = typeof message === 'string' ? (message.split('\n')[0] ?? '') : String(error);
  const detail = [codeText, firstLine.slice(0, 200)].filter(Boolean).join(' · ');
  return {
    title: t.title,
    body: `${t.intro(folder)}\n\n${reason}\n\n${t.detail(detail || t.unknownDetail)}`,
  };
}
