// The local API port, opened before anything else is loaded: `npm start` (infra/local/start.mjs) listens
// within a few hundred milliseconds and answers 503 + Retry-After until the stack is ready; then it hands
// the listening socket to the stack's process (infra/local/stack-process.mjs), which serves from then on.
// Plain JavaScript with only node: imports, so opening the port costs nothing to load.
import { createServer } from 'node:http';

/** Seconds a client is told to wait (Retry-After) while the local stack is still starting. */
export const STARTING_RETRY_AFTER_SECONDS = 2;

/**
 * What the API port answers before the stack is ready: at once, never a hang — `/health` a 503
 * `{"status":"starting"}` (the shape of its own answer), every other request a 503 problem; both
 * with Retry-After.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function startingGateway(req, res) {
  req.resume(); // drain any body, so the connection is free for the retry
  // connection: close — no idle keep-alive connection is left on a process that stops accepting at the handover
  const headers = {
    'retry-after': String(STARTING_RETRY_AFTER_SECONDS),
    'cache-control': 'no-store',
    connection: 'close',
  };
  let path = '/';
  try {
    path = new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {}
  if (path === '/health') {
    res.writeHead(503, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ status: 'starting' }));
    return;
  }
  const status = 503;
  const title = 'Service Unavailable';
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(
    JSON.stringify({ type: 'about:blank', title, status, detail: 'Tenderflow is starting; retry shortly.' }),
  );
}

/**
 * A request Node refuses before any handler (headers or URL over its limit, a malformed request
 * line): a problem+json answer like every other refusal, then the connection is closed.
 * @param {NodeJS.ErrnoException} error
 * @param {import('node:stream').Duplex} socket
 */
export function clientError(error, socket) {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, title] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
  const body = JSON.stringify({
    type: 'about:blank',
    title,
    status,
    detail: 'the request could not be read',
  });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/**
 * Listen on `port` of 127.0.0.1 (0: a free one) and answer every request with `startingGateway` until
 * `serve(listener)` hands the requests over. Rejects with the listen error (`code` EADDRINUSE when taken).
 * @param {number} port
 */
export function openApiPort(port) {
  /** @type {import('node:http').RequestListener} */
  let answer = startingGateway;
  const server = createServer((req, res) => answer(req, res));
  server.on('clientError', clientError);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        server,
        port: typeof address === 'object' && address ? address.port : port,
        /** @param {import('node:http').RequestListener} listener */
        serve(listener) {
          answer = listener;
        },
        close() {
          return new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done(undefined));
          });
        },
      });
    });
  });
}

/**
 * The parent's side of the handover (infra/local/start.mjs): when the stack's process asks (`serve`), send
 * it the listening socket; once it accepts on it (`serving`), stop accepting here. The socket is never
 * closed in between, so no connection is refused: until then this process answers 503.
 * @param {{ server: import('node:http').Server }} api
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<void>} resolves once the child serves
 */
export function handOver(api, child) {
  return new Promise((resolve) => {
    child.on('message', (/** @type {{ type?: string }} */ message) => {
      if (message?.type === 'serve') child.send({ type: 'api-port' }, api.server);
      if (message?.type === 'serving') {
        api.server.close();
        resolve();
      }
    });
  });
}

/**
 * The stack process's side: an API port its parent listens on. Until `serve(listener)` it accepts
 * nothing (the parent answers 503); `serve` asks the parent for the socket, and `serving` resolves once
 * the connections come here.
 * @param {number} port
 */
export function adoptApiPort(port) {
  /** @type {import('node:http').RequestListener} */
  let answer = startingGateway;
  const server = createServer((req, res) => answer(req, res));
  server.on('clientError', clientError);
  /** @type {import('node:net').Server | undefined} */
  let socket;
  /** @type {() => void} */
  let served = () => undefined;
  const serving = new Promise((resolve) => {
    served = () => resolve(undefined);
  });
  process.on('message', (/** @type {{ type?: string }} */ message, handle) => {
    if (message?.type !== 'api-port' || !handle) return;
    socket = /** @type {import('node:net').Server} */ (handle);
    socket.on('connection', (connection) => server.emit('connection', connection));
    process.send?.({ type: 'serving' });
    served();
  });
  return {
    server,
    port,
    serving,
    /** @param {import('node:http').RequestListener} listener */
    serve(listener) {
      answer = listener;
      if (!process.send) throw new Error('adoptApiPort: this process has no parent to take the port from');
      process.send({ type: 'serve' });
    },
    close() {
      return new Promise((done) => {
        server.closeAllConnections();
        if (socket) socket.close(() => done(undefined));
        else done(undefined);
      });
    },
  };
}
