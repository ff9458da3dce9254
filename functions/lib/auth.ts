import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { forbidden, unauthorized } from './errors.ts';
import { type Role, roles } from './roles.ts';
import type { Route } from './route.ts';

/** Who is calling, from the verified token's claims (API Gateway's JWT authorizer, or the local gateway). */
export interface Caller {
  org: string;
  user: string;
  roles: Role[];
}

/** The claim names Cognito ID tokens use; the local token minter uses the same ones. */
export const claimNames = { org: 'custom:org', user: 'cognito:username', groups: 'cognito:groups' } as const;

const ORG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The flattened form: names without spaces or brackets, one space apart, in brackets. */
const FLATTENED_GROUPS = /^\[(?:[^\s[\]]+(?: [^\s[\]]+)*)?\]$/;

/**
 * The `cognito:groups` claim in exactly the two shapes that reach a handler: a JSON array of strings
 * (the local gateway, and the token itself), or API Gateway HTTP API's flattening of an array claim
 * to one string, `"[admin reviewer]"`. Anything else (a bare "admin reviewer", commas, numbers) names
 * no group, so it grants no role.
 */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.every((g) => typeof g === 'string') ? value : [];
  if (typeof value !== 'string' || !FLATTENED_GROUPS.test(value)) return [];
  return value.slice(1, -1).split(' ').filter(Boolean);
}

export function callerFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims) throw unauthorized('a bearer token is required');
  const org = claims[claimNames.org];
  const user = claims[claimNames.user] ?? claims.sub;
  if (typeof org !== 'string' || !ORG.test(org))
    throw forbidden('the token carries no valid organisation (custom:org)');
  if (typeof user !== 'string' || user === '') throw forbidden('the token carries no user');
  const known = new Set<string>(roles);
  return { org, user, roles: parseGroups(claims[claimNames.groups]).filter((g): g is Role => known.has(g)) };
}

/** The caller must hold one of the route's roles. */
export function authorize(caller: Caller, route: Route): void {
  if (route.auth === 'public') return;
  if (!caller.roles.some((r) => route.auth.includes(r))) {
    throw forbidden(`${route.method} ${route.path} needs one of the roles: ${route.auth.join(', ')}`);
  }
}
