/**
 * What the agent reads when the data folder cannot be opened at start: the folder, a Spanish
 * reason with what to do, and one line of technical detail for support. Never a stack trace.
 * The same for any other failure while the app starts (`startErrorText`).
 */
import { desktopMessages } from '../../shared/messages';

type ErrorLike = { code?: unknown; message?: unknown };

export function dataFolderErrorText(
  error: unknown,
  folder: string,
): { title: string; body: string } {
  const t = desktopMessages.dataFolder;
  const { code } = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
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
  return {
    title: t.title,
    body: `${t.intro(folder)}\n\n${reason}\n\n${t.detail(technicalDetail(error) || t.unknownDetail)}`,
  };
}

/** What the agent reads when anything else stops the app while it starts. */
export function startErrorText(error: unknown): { title: string; body: string } {
  const t = desktopMessages.startFailed;
  const { detail, unknownDetail } = desktopMessages.dataFolder;
  return {
    title: t.title,
    body: `${t.body}\n\n${detail(technicalDetail(error) || unknownDetail)}`,
  };
}

/** The error's code and the first line of its message: one line for support, never a stack. */
function technicalDetail(error: unknown): string {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const codeText = typeof code === 'string' ? code : '';
  const firstLine = typeof message === 'string' ? (message.split('\n')[0] ?? '') : String(error);
  return [codeText, firstLine.slice(0, 200)].filter(Boolean).join(' · ');
}
