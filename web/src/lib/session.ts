import * as z from 'zod/mini';

/** The roles a token can carry (functions/lib/roles.ts); the app shows controls by role, the API enforces them. */
export const ROLES = [
  'admin',
  'bid-manager',
  'contributor',
  'reviewer',
  'product-manager',
  'approver',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export interface Session {
  token: string;
  org: string;
  user: string;
  roles: Role[];
  expiresAt: number;
}

const Claims = z.object({
  'custom:org': z.string(),
  'cognito:username': z.optional(z.string()),
  sub: z.optional(z.string()),
  'cognito:groups': z.optional(z.union([z.array(z.string()), z.string()])),
  exp: z.number(),
});

const groupsOf = (g: string[] | string | undefined): string[] =>
  Array.isArray(g)
    ? g
    : typeof g === 'string'
      ? g
          .replace(/^\[|\]$/g, '')
          .split(/\s+/)
          .filter(Boolean)
      : [];

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

/** Read the token's claims for display only; the API verifies the signature on every request. */
export function sessionFromToken(token: string): Session {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
  const claims = z.parse(Claims, json);
  return {
    token,
    org: claims['custom:org'],
    user: claims['cognito:username'] ?? claims.sub ?? '',
    roles: groupsOf(claims['cognito:groups']).filter(isRole),
    expiresAt: claims.exp * 1000,
  };
}

const KEY = 'tenderflow.token';

export function storedSession(): Session | null {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  try {
    const s = sessionFromToken(token);
    return s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export const storeToken = (token: string) => sessionStorage.setItem(KEY, token);
export const clearToken = () => sessionStorage.removeItem(KEY);

/** What the signed-in user may do, by role (mirrors the route table's `auth`). */
export function can(session: Session | null, action: Action): boolean {
  const allowed: readonly Role[] = permissions[action];
  return !!session?.roles.some((r) => allowed.includes(r));
}
const permissions = {
  import: ['admin', 'bid-manager'],
  answer: ['admin', 'bid-manager', 'contributor'],
  assign: ['admin', 'bid-manager'],
  review: ['admin', 'bid-manager', 'reviewer'],
  recordEvent: ['admin', 'bid-manager'],
  markMet: ['admin', 'bid-manager', 'contributor'],
  editEvidence: ['admin', 'bid-manager', 'contributor'],
  settings: ['admin'],
  requestCustomDev: ['admin', 'product-manager', 'bid-manager'],
  assessCustomDev: ['admin', 'product-manager'],
  decideCustomDev: ['admin', 'approver'],
  editPilot: ['admin', 'product-manager', 'bid-manager'],
  transitionPilot: ['admin', 'product-manager', 'bid-manager', 'approver'],
  importRequirements: ['admin', 'bid-manager'],
  uploadMatrix: ['admin', 'bid-manager', 'contributor', 'reviewer'],
  buildPackage: ['admin', 'bid-manager'],
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof permissions;
