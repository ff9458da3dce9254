import { expect } from 'vitest';
import { call, eventually } from './api.ts';

/** Shared by the custom-development tests: a request body, and driving a request to `recommended`. */
export const requestBody = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    client: 'Bergen kommune',
    title: 'Export approved invoices to the municipal ERP',
    problem: 'Invoices approved in the product are re-typed into the ERP by hand.',
    requestedFunctionality: 'Export approved invoices nightly.\nMark exported invoices.',
    neededBy: '2031-03-31',
    vertical: 'public sector',
    strategicFit: 4,
    ...over,
  });

/** 18/20/22 days, feasible: a firm estimate. */
export const technical = (over: Record<string, unknown> = {}) => ({
  verdict: 'feasible',
  effortDays: { optimistic: 18, likely: 20, pessimistic: 22 },
  dependencies: ['ERP import API'],
  risks: ['ERP rate limits'],
  generic: true,
  ...over,
});

export const etag = (res: { headers: Headers }) => String(res.headers.get('etag'));

export async function create(token: string, over: Record<string, unknown> = {}) {
  const res = await call('POST', '/custom-dev-requests', { token, body: requestBody(over) });
  expect(res.status).toBe(201);
  return { id: String(res.json.requestId), etag: etag(res) };
}

/** Record both inputs; the assessment starts. */
export async function assess(
  pm: string,
  id: string,
  etagNow: string,
  commercial: unknown,
  tech: unknown = technical(),
) {
  const t = await call('PUT', `/custom-dev-requests/${id}/technical`, {
    token: pm,
    body: JSON.stringify(tech),
    headers: { 'if-match': etagNow },
  });
  expect(t.status).toBe(200);
  const c = await call('PUT', `/custom-dev-requests/${id}/commercial`, {
    token: pm,
    body: JSON.stringify(commercial),
    headers: { 'if-match': etag(t) },
  });
  expect(c.status).toBe(202);
  expect(c.json.status).toBe('assessing');
  return c;
}

export async function waitForStatus(token: string, id: string, status: string) {
  return eventually(`request ${id} to be ${status}`, async () => {
    const res = await call('GET', `/custom-dev-requests/${id}`, { token });
    return res.json.status === status ? res : undefined;
  });
}
