/**
 * The web door: the built renderer and the same dispatch as the IPC door, over HTTP on
 * 127.0.0.1, for machines without the Electron runtime and for end-to-end tests. It holds no
 * logic of its own. Every API call needs the session token printed at start; the Host header
 * must be loopback (no DNS rebinding), and only JSON bodies are read (no cross-site forms).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import type { Download } from '../handlers/data-request-handlers';
import { AS_AGENT_HEADER } from '../../shared/channels';
import {
  LARGE_INPUT_BYTES,
  type Answer,
  type Envelope,
  type ErrorCode,
} from '../../shared/contract';
import { doorMessages, errorMessages, ruleMessages } from '../../shared/messages';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MAX_BODY_BYTES = 64 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export type WebDoorOptions = {
  dispatch: (channel: string, input: unknown, asAgent: string | null) => Answer;
  /**
   * Ley 21.719 exports (issue 10): the file behind a one-time ticket that an authorised
   * `dataRequests.download` call handed out; null when unknown, used or expired.
   */
  download?: (ticket: string) => Download | null;
  rendererDir: string;
  port: number;
  token?: string;
};

export type WebDoor = { url: string; token: string; port: number; close: () => Promise<void> };

export async function startWebDoor(options: WebDoorOptions): Promise<WebDoor> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const rendererDir = path.resolve(options.rendererDir);
  let port = options.port;

  const server = http.createServer((request, response) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (!isLoopbackHost(request.headers.host, port)) {
      return sendJson(response, 421, {
        ok: false,
        error: { code: 'forbidden', message: doorMessages.wrongHost },
      });
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return sendJson(response, 405, failure('invalid_input'));
      if (!hasToken(request.headers.authorization, token)) {
        return sendJson(response, 401, {
          ok: false,
          error: { code: 'unauthorized', message: doorMessages.noToken },
        });
      }
      if (!/^application\/json(;|$)/.test(String(request.headers['content-type']))) {
        return sendJson(response, 415, failure('invalid_input'));
      }
      const channel = decode(url.pathname.slice('/api/'.length));
      if (channel === null) return sendJson(response, 400, failure('invalid_input'));
      // A channel that carries a file (a bulk load) declares its own, larger limit in the contract.
      const limit = Object.hasOwn(LARGE_INPUT_BYTES, channel)
        ? LARGE_INPUT_BYTES[channel]!
        : MAX_BODY_BYTES;
      return readJson(request, limit, (body) => {
        if (body === INVALID) return sendJson(response, 400, failure('invalid_input'));
        const asAgent = request.headers[AS_AGENT_HEADER];
        const agent = typeof asAgent === 'string' && asAgent !== '' ? asAgent : null;
        void Promise.resolve(options.dispatch(channel, body, agent)).then((envelope) =>
          sendJson(response, envelope.ok ? 200 : statusOf(envelope.error.code), envelope),
        );
      });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    if (url.pathname.startsWith('/download/')) {
      // GET only: a HEAD would use the ticket up, and count as a copy, for nothing.
      if (request.method !== 'GET') return void response.writeHead(405).end();
      return serveDownload(options.download?.(url.pathname.slice('/download/'.length)), response);
    }
    serveStatic(rendererDir, url.pathname, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function failure(code: ErrorCode): Envelope<never> {
  return { ok: false, error: { code, message: errorMessages[code] } };
}

function statusOf(code: ErrorCode): number {
  const statuses: Record<ErrorCode, number> = {
    invalid_input: 400,
    not_found: 404,
    unauthorized: 401,
    session_changed: 409,
    forbidden: 403,
    stale: 409,
    rule: 422,
    unknown_channel: 404,
    internal: 500,
  };
  return statuses[code];
}

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A percent-decoded path segment, or null when the encoding is malformed. */
function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function hasToken(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const INVALID = Symbol('invalid');

function readJson(
  request: http.IncomingMessage,
  maxBytes: number,
  done: (body: unknown) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (body: unknown) => {
    if (finished) return;
    finished = true;
    done(body);
  };
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) {
      // Answered now; the rest is read and dropped, so the answer reaches the client instead
      // of a connection reset.
      finish(INVALID);
      request.removeAllListeners('data');
      request.resume();
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    let body: unknown;
    try {
      const text = Buffer.concat(chunks).toString('utf8');
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      body = INVALID;
    }
    finish(body);
  });
  request.on('error', () => finish(INVALID));
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

const sendText = (response: http.ServerResponse, status: number, text: string) =>
  response
    .writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
    .end(text);

/**
 * An export file, streamed as an attachment (never read whole into memory). One that cannot be
 * opened (altered, another key, cut short) is refused with a message when that shows before its
 * first byte, and cut off after it: the browser reports a failed download rather than keeping a
 * part as if it were whole. The copy is accounted for (`served`) as it starts going out.
 */
function serveDownload(download: Download | null | undefined, response: http.ServerResponse): void {
  if (!download) {
    sendText(response, 404, doorMessages.downloadGone);
    return;
  }
  let source: Readable;
  try {
    source = download.open();
  } catch {
    sendText(response, 410, ruleMessages['data_request_file_missing']!({}));
    return;
  }
  let started = false;
  source.once('error', () => {
    if (!started) sendText(response, 500, ruleMessages['data_request_file_unreadable']!({}));
  });
  source.once('readable', () => {
    started = true;
    try {
      download.served();
    } catch {
      source.destroy();
      sendText(response, 500, errorMessages.internal);
      return;
    }
    response.writeHead(200, {
      'Content-Type': download.contentType,
      'Content-Length': download.bytes,
      'Content-Disposition': `attachment; filename="${download.fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    pipeline(source, response, () => {});
  });
}

function serveStatic(root: string, pathname: string, response: http.ServerResponse): void {
  const relative = decode(pathname === '/' ? '/index.html' : pathname);
  if (relative === null) {
    response
      .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end(doorMessages.badAddress);
    return;
  }
  const file = path.resolve(root, `.${relative}`);
  // Unknown paths get the app shell; nothing outside the renderer folder is ever read.
  const target =
    file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()
      ? file
      : path.join(root, 'index.html');
  fs.readFile(target, (error, content) => {
    if (error) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Falta compilar la interfaz: ejecute npm run build.');
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'max-age=31536000, immutable',
    });
    response.end(content);
  });
}
