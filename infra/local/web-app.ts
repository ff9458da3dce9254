import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { z } from 'zod';
import { roles } from '../../functions/lib/roles.ts';
import { mintToken } from './keys.ts';

/**
 * The web application on the local stack, beside the API on the same port: `/` and `/app/*` (the app's
 * client-side routes: index.html), `/assets/*` (the build), `/config.json` (local auth), and the
 * local-only sign-in `POST /local/token`. None of these paths is in the route table (functions/routes.ts);
 * the token route exists only here, on the local stack, never in AWS.
 */
export type WebListener = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Paths the web app owns; the API's route table never uses them (test/unit/local/web-app.test.ts). */
export const WEB_PATHS = {
  exact: ['/', '/app', '/config.json', '/local/token', '/auth/callback'],
  prefixes: ['/app/', '/assets/'],
};

export const isWebPath = (path: string) =>
  WEB_PATHS.exact.includes(path) || WEB_PATHS.prefixes.some((p) => path.startsWith(p));

const ORG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TokenRequest = z.strictObject({
  org: z.string().regex(ORG, 'lower-case letters, digits and dashes'),
  user: z.string().min(1).max(128),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
});

const send = (
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
};
const problem = (res: ServerResponse, status: number, title: string, detail: string, errors?: unknown) =>
  send(
    res,
    status,
    'application/problem+json',
    JSON.stringify({ type: 'about:blank', title, status, detail, errors }),
  );

/** Security headers like CloudFront's policy in AWS (the app needs no third-party origin). */
const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 16_384) throw new Error('the request is too large');
    chunks.push(c as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function webApp(opts: { dataDir: string; distDir: string }): WebListener {
  const assets = sirv(join(opts.distDir, 'assets'), { immutable: true, gzip: false, etag: true });
  const config = JSON.stringify({ apiBaseUrl: '', auth: { mode: 'local' } });
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!isWebPath(path)) return false;
    const method = (req.method ?? 'GET').toUpperCase();
    if (path === '/local/token') {
      if (method !== 'POST') {
        problem(res, 405, 'Method Not Allowed', `${method} is not allowed on ${path}`);
        return true;
      }
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (error) {
        problem(res, 400, 'Bad Request', `the body must be JSON: ${(error as Error).message}`);
        return true;
      }
      const parsed = TokenRequest.safeParse(body);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({
          path: i.path.join('.') || '(body)',
          message: i.message,
        }));
        problem(
          res,
          400,
          'Bad Request',
          `invalid sign-in: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
          errors,
        );
        return true;
      }
      const { org, user } = parsed.data;
      const token = await mintToken(opts.dataDir, { org, user, roles: parsed.data.roles });
      send(res, 200, 'application/json', JSON.stringify({ token }));
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      problem(res, 405, 'Method Not Allowed', `${method} is not allowed on ${path}`);
      return true;
    }
    if (path === '/config.json') {
      send(res, 200, 'application/json', config);
      return true;
    }
    if (path.startsWith('/assets/')) {
      req.url = path.slice('/assets'.length);
      await new Promise<void>((done) => {
        res.once('close', done);
        assets(req, res, () => problem(res, 404, 'Not Found', `no asset ${path}`));
      });
      return true;
    }
    try {
      const html = await readFile(join(opts.distDir, 'index.html'), 'utf8');
      send(res, 200, 'text/html; charset=utf-8', html, securityHeaders);
    } catch {
      problem(
        res,
        503,
        'Service Unavailable',
        'the web app is not built: run npm start again (it builds web/)',
      );
    }
    return true;
  };
}
