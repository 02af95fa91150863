/**
 * The one way the desk (core, web door, Electron main, the CLIs) and the central API write to
 * their logs. Whatever is written — the message, an error's message and stack, an object — is
 * rendered to text first and then passed through `maskSensitive`, so no full RUT, e-mail or
 * phone ever reaches stdout, stderr or a log file.
 */
import { formatWithOptions } from 'node:util';
import { maskSensitive } from '../shared/log-mask';

/** The shape every component takes as its `log` option. */
export type LogFn = (message: string, error?: unknown) => void;

type Stream = { write: (text: string) => unknown };

/** Renders what console.* would print, masked. */
export function renderLogLine(parts: unknown[]): string {
  return maskSensitive(formatWithOptions({ colors: false, depth: 6 }, ...parts));
}

function writer(stream: () => Stream) {
  return (...parts: unknown[]): void => {
    stream().write(`${renderLogLine(parts)}\n`);
  };
}

export const log = {
  /** stdout: results a person or a script reads (the web door's readiness line, a CLI's answer). */
  out: writer(() => process.stdout),
  /** stderr: errors and notices. */
  error: writer(() => process.stderr),
};

/** `message` and, when there is one, the error (its stack included), masked, on stderr. */
export const logError: LogFn = (message, error) => {
  if (error === undefined) log.error(message);
  else log.error(message, error);
};
