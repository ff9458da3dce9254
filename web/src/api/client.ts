import createClient, { type Middleware } from 'openapi-fetch';
import * as z from 'zod/mini';
import type { components, paths } from './schema';

export type Tender = components['schemas']['Tender'];
export type ChecklistItem = components['schemas']['ChecklistItem'];
export type Deadline = components['schemas']['Deadline'];
export type Evidence = components['schemas']['Evidence'];
export type Problem = components['schemas']['Problem'];

/** An API refusal: its problem+json, shown to the user (`detail`, and each failing field). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    super(problem.detail ?? problem.title ?? `the server answered ${status}`);
    this.name = 'ApiError';
  }
}

const ProblemBody = z.object({
  title: z.optional(z.string()),
  detail: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
});
const asProblem = (body: unknown): Partial<Problem> => {
  const parsed = z.safeParse(ProblemBody, body);
  return parsed.success ? parsed.data : {};
};

/** Typed from functions/api/openapi/openapi.json (generated at build): a changed contract breaks the build. */
export function apiClient(baseUrl: string, token: () => string | null, onUnauthorized: () => void) {
  const client = createClient<paths>({ baseUrl: baseUrl || window.location.origin });
  const auth: Middleware = {
    onRequest({ request }) {
      const t = token();
      if (t) request.headers.set('authorization', `Bearer ${t}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthorized();
      return response;
    },
  };
  client.use(auth);
  return client;
}
export type Api = ReturnType<typeof apiClient>;

/** openapi-fetch's `{ data, error, response }` → the data, or an ApiError carrying the problem. */
export function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined)
    throw new ApiError(result.response.status, asProblem(result.error));
  return result.data;
}

/** The ETag's version ("3" → 3), for If-Match on the next change. */
export const etagOf = (res: Response) => res.headers.get('etag') ?? '';
