import { inject } from 'vitest';
import type { Role } from '../../functions/routes.ts';
import { mintToken } from '../../infra/local/keys.ts';

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
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: json as Record<string, unknown> & { errors?: { path: string; message: string }[] },
  };
}

/** Poll until `check` returns a value, or fail at the deadline (never a fixed sleep). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
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
