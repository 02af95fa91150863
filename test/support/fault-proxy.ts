/**
 * An HTTP proxy on 127.0.0.1 between a desktop and the central API that injects faults:
 * answer in the server's place (503, 401…), drop the request, forward but drop the response
 * (the server acted, the client never hears), send the request twice, or hold it until told.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Close the connection without forwarding: the server never sees it. */
  | { kind: 'drop_request' }
  /** Forward, let the server act, then close without answering the client. */
  | { kind: 'drop_response' }
  /** Forward twice (a replay); the client gets the second answer. */
  | { kind: 'duplicate' }
  /** Forward only when `release` is called; `onHeld` says it is waiting. */
  | { kind: 'hold'; onHeld: (release: () => void) => void }
  /** Forward at once (the server acts), but hold the answer until `release`. */
  | { kind: 'hold_response'; onHeld: (release: () => void) => void };

export type Seen = { method: string; path: string; body: string };

export type FaultProxy = {
  url: string;
  /** Every request the proxy received, in order. */
  seen: Seen[];
  /** Decides the fault of each request; default passes everything. */
  setFaults: (decide: (request: Seen) => Fault) => void;
  close: () => Promise<void>;
};

function forward(target: URL, request: Seen, headers: http.IncomingHttpHeaders) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.path,
          headers: { ...headers, host: target.host },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      upstream.on('error', reject);
      upstream.end(request.body);
    },
  );
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const seen: Seen[] = [];
  let decide: (request: Seen) => Fault = () => ({ kind: 'pass' });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const request: Seen = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      const fault = decide(request);
      try {
        if (fault.kind === 'respond') {
          res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
          res.end(
            JSON.stringify(fault.body ?? { error: { code: 'injected', message: 'injected' } }),
          );
          return;
        }
        if (fault.kind === 'drop_request') {
          res.destroy();
          return;
        }
        if (fault.kind === 'hold') {
          await new Promise<void>((release) => fault.onHeld(release));
        }
        let answer = await forward(target, request, req.headers);
        if (fault.kind === 'duplicate') answer = await forward(target, request, req.headers);
        if (fault.kind === 'hold_response') {
          await new Promise<void>((release) => fault.onHeld(release));
        }
        if (fault.kind === 'drop_response') {
          res.destroy();
          return;
        }
        // Hop-by-hop headers belong to the upstream connection, not to this one.
        const headers = { ...answer.headers };
        delete headers['transfer-encoding'];
        delete headers.connection;
        res.writeHead(answer.status, headers);
        res.end(answer.body);
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    setFaults: (next) => {
      decide = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
