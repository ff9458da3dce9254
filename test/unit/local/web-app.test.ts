import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routes } from '../../../functions/routes.ts';
import { ensureKeys, tokenVerifier } from '../../../infra/local/keys.ts';
import { isWebPath, webApp } from '../../../infra/local/web-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'tenderflow-webapp-'));
const dist = join(dir, 'dist');
let server: Server;
let base = '';

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tenderflow</title>');
  writeFileSync(join(dist, 'assets', 'app-1.js'), 'console.log(1)');
  await ensureKeys(dir);
  const web = webApp({ dataDir: dir, distDir: dist });
  server = createServer((req, res) => {
    void web(req, res).then((served) => {
      if (!served) res.writeHead(418).end('api');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the local web app beside the API (infra/local/web-app.ts)', () => {
  it('no API route uses a path the web app owns: the route table stays the API’s one source of truth', () => {
    for (const r of routes) expect(isWebPath(r.path), r.path).toBe(false);
  });

  it('serves index.html for / and every /app/* route, with a CSP that forbids framing', async () => {
    for (const path of ['/', '/app', '/app/tenders/t-123', '/auth/callback']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<title>Tenderflow</title>');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('serves built assets, and a 404 problem for a missing one; other paths fall through to the API', async () => {
    expect(await (await fetch(`${base}/assets/app-1.js`)).text()).toBe('console.log(1)');
    const missing = await fetch(`${base}/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect((await fetch(`${base}/tenders`)).status).toBe(418);
  });

  it('/config.json tells the app to use local sign-in on the same origin', async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({
      apiBaseUrl: '',
      auth: { mode: 'local' },
    });
  });

  it('POST /local/token mints a token the local gateway verifies, with the chosen org, user and role', async () => {
    const res = await fetch(`${base}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ org: 'acme', user: 'bella', roles: ['reviewer'] }),
    });
    expect(res.status).toBe(200);
    const { token } = z.object({ token: z.string() }).parse(await res.json());
    const claims = await (await tokenVerifier(dir))(token);
    expect(claims).toMatchObject({
      'custom:org': 'acme',
      'cognito:username': 'bella',
      'cognito:groups': ['reviewer'],
    });
  });

  it('POST /local/token refuses a bad org or role with a 400 naming the field; GET is 405', async () => {
    const res = await fetch(`${base}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ org: 'Acme Corp', user: 'b', roles: ['root'] }),
    });
    expect(res.status).toBe(400);
    const body = z.object({ errors: z.array(z.object({ path: z.string() })) }).parse(await res.json());
    expect(body.errors.map((e) => e.path).sort()).toEqual(['org', 'roles.0']);
    expect((await fetch(`${base}/local/token`)).status).toBe(405);
  });
});
