import { inject } from 'vitest';
import { z } from 'zod';
import { describedRoute, responsesOf } from '../../functions/api/openapi/document.ts';
import type { Route } from '../../functions/lib/route.ts';
import { type Role, routes } from '../../functions/routes.ts';
import { mintToken } from '../../infra/local/keys.ts';
import { timeouts } from './timeouts.ts';

/** A small HTTP client for the local API, as a real client would call it. */
export const stack = () => inject('localStack');

export const tokenFor = (org: string, roles: Role[] = ['bid-manager'], user = 'alice', ttlSeconds?: number) =>
  mintToken(stack().dataDir, { org, user, roles, ttlSeconds });

export async function call(
  method: string,
  path: string,
  opts: {
    token?: string;
    body?: string | Buffer;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const res = await fetch(`${stack().apiUrl}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': opts.contentType ?? 'application/json' } : {}),
      ...opts.headers,
    },
    body: opts.body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  checkDocumented(method, path, res.status, res.headers.get('content-type'), json);
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: json as Record<string, unknown> & { errors?: { path: string; message: string }[] },
  };
}

/** Each route with its path as a pattern; literal routes first (`/tenders/import` is not `/tenders/{id}`). */
const compiled = routes
  .map((route: Route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
    params: (route.path.match(/\{/g) ?? []).length,
  }))
  .sort((a, b) => a.params - b.params);

/**
 * Every answer of a route must be one its OpenAPI documentation names, with a body of the documented
 * schema (problem+json for 4xx): the document cannot drift from what the handlers return. A path no
 * route serves is the gateway's own answer and is not checked.
 */
export function checkDocumented(
  method: string,
  url: string,
  status: number,
  type: string | null,
  body: unknown,
) {
  // the path as sent: fetch resolves `.` and `..` segments first
  const path = new URL(url, 'http://api.invalid').pathname;
  const hit = compiled.find((c) => c.route.method === method && c.pattern.test(path));
  if (!hit) return;
  const { api, op } = describedRoute(hit.route);
  const where = `${method} ${path} (${hit.route.method} ${hit.route.path}) answered ${status}`;
  const documented = responsesOf(hit.route, api, op)[status];
  if (!documented) throw new Error(`${where}, a status its OpenAPI documentation does not name`);
  if (!documented.schema) return;
  const expectedType = status >= 400 ? 'application/problem+json' : 'application/json';
  if (!type?.startsWith(expectedType)) throw new Error(`${where} as ${type}, not ${expectedType}`);
  const parsed = z.safeParse(documented.schema, body);
  if (!parsed.success)
    throw new Error(`${where} with a body its documented schema rejects: ${z.prettifyError(parsed.error)}`);
}

/** Poll until `check` returns a value, or fail at the deadline (never a fixed sleep). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number = timeouts.poll.default,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function waitForTender(
  token: string,
  tenderId: string,
  until: (status: string) => boolean = (s) => s !== 'importing',
) {
  return eventually(`tender ${tenderId} to finish intake`, async () => {
    const res = await call('GET', `/tenders/${tenderId}`, { token });
    return res.status === 200 && until(String(res.json.status)) ? res.json : undefined;
  });
}
