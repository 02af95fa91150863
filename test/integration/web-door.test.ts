/**
 * The web door over real HTTP on 127.0.0.1: the same dispatch as IPC, behind a session token,
 * loopback Host only, JSON only, and nothing outside the renderer folder served.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebDoor, type WebDoor } from '../../src/main/web/server';
import { errorMessages } from '../../src/shared/messages';
import { seededCore, tempDir } from '../support/context';

let door: WebDoor | null = null;
afterEach(async () => {
  await door?.close();
  door = null;
});

async function start() {
  const core = seededCore(300);
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'secret');
  door = await startWebDoor({ dispatch: core.dispatch, rendererDir, port: 0 });
  return door;
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function request(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const api = (d: WebDoor, channel: string, body: string, headers: Record<string, string> = {}) =>
  request(d.port, {
    method: 'POST',
    path: `/api/${channel}`,
    headers: {
      Authorization: `Bearer ${d.token}`,
      'Content-Type': 'application/json',
      ...headers,
    },
    body,
  });

describe('web door', () => {
  it('answers a contract call with the same envelope as dispatch', async () => {
    const d = await start();
    const reply = await api(d, 'persons.search', JSON.stringify({ text: '12.345.678-5' }));
    expect(reply.status).toBe(200);
    const envelope = JSON.parse(reply.body);
    expect(envelope.ok).toBe(true);
    expect(envelope.value.persons[0].rut).toBe('12345678-5');
    expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[a-f0-9]{48}$/);
  });

  it('refuses a tab acting for an agent who no longer holds the desk, and runs nothing of it', async () => {
    const d = await start();
    const session = JSON.parse((await api(d, 'auth.session', '{}')).body).value as {
      agentId: string;
    };
    const as = (agentId: string) => ({ 'X-Mesa-Agent': agentId });
    // A tab still showing another agent's desk: its «Salir» does not sign this agent out.
    const stale = await api(d, 'auth.signOut', '{}', as('someone-else'));
    expect(stale.status).toBe(409);
    expect(JSON.parse(stale.body)).toEqual({
      ok: false,
      error: { code: 'session_changed', message: errorMessages.session_changed },
    });
    expect(JSON.parse((await api(d, 'auth.session', '{}')).body).value.agentId).toBe(
      session.agentId,
    );
    // The channels that come before a sign-in answer any tab.
    expect((await api(d, 'auth.session', '{}', as('someone-else'))).status).toBe(200);
    // The agent's own tab, and a caller that does not say (a script), are served.
    const search = JSON.stringify({ text: '12.345.678-5' });
    expect((await api(d, 'persons.search', search, as(session.agentId))).status).toBe(200);
    expect((await api(d, 'persons.search', search)).status).toBe(200);
    // Locked, the desk is still this agent's: his tab is asked to unlock, not to sign in again.
    expect((await api(d, 'auth.lock', JSON.stringify({ reason: 'manual' }))).status).toBe(200);
    expect((await api(d, 'persons.search', search, as(session.agentId))).status).toBe(401);
    expect((await api(d, 'persons.search', search, as('someone-else'))).status).toBe(409);
  });

  it('refuses calls without the session token', async () => {
    const d = await start();
    for (const token of ['', 'Bearer wrong', `Bearer ${d.token}x`]) {
      const reply = await api(d, 'persons.search', '{"text":"x"}', { Authorization: token });
      expect(reply.status).toBe(401);
      // Said as what it is: a tab opened without the door's key, not a sign-in to repeat.
      expect(JSON.parse(reply.body).error).toEqual({
        code: 'unauthorized',
        message:
          'Esta pestaña no tiene la llave de la Mesa de Ayuda web: abra la dirección completa que mostró la consola al iniciarla (termina en «#token=…»).',
      });
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const d = await start();
    const reply = await api(d, 'app.info', '{}', { Host: `evil.example:${d.port}` });
    expect(reply.status).toBe(421);
    expect(JSON.parse(reply.body).error.message).toMatch(/solo responde en la dirección/);
  });

  it('reads only JSON bodies, and bad JSON is a clear error', async () => {
    const d = await start();
    const form = await api(d, 'app.info', 'a=1', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const broken = await api(d, 'persons.search', '{"text":');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const huge = await api(d, 'persons.search', JSON.stringify({ text: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(400);
    // Far over the limit: still an answer, not a connection reset; and the door keeps serving.
    const enormous = await api(
      d,
      'persons.search',
      JSON.stringify({ text: 'x'.repeat(8_000_000) }),
    );
    expect(enormous.status).toBe(400);
    expect(JSON.parse(enormous.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect((await api(d, 'app.info', '{}')).status).toBe(200);
  });

  it('maps envelope errors to statuses and unknown channels to 404', async () => {
    const d = await start();
    expect((await api(d, 'persons.get', '{"rut":"1-9"}')).status).toBe(404);
    expect((await api(d, 'persons.get', '{"rut":"1-8"}')).status).toBe(400);
    const unknown = await api(d, 'accounts.drop', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_channel');
  });

  it('answers malformed percent-encoding with 400 and keeps serving', async () => {
    const d = await start();
    expect((await request(d.port, { path: '/%E0%A4%A' })).status).toBe(400);
    expect((await api(d, '%E0%A4%A', '{}')).status).toBe(400);
    expect((await request(d.port, { path: '/' })).status).toBe(200);
    const noBearer = await api(d, 'app.info', '{}', { Authorization: d.token });
    expect(noBearer.status).toBe(401);
    const jsonish = await api(d, 'app.info', '{}', { 'Content-Type': 'application/jsonfoo' });
    expect(jsonish.status).toBe(415);
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const d = await start();
    const page = await request(d.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const reply = await request(d.port, { path: attempt });
      expect(reply.body).not.toContain('secret');
    }
  });
});
