import { z } from 'zod';
import type { Api } from '../../lib/http.ts';
import type { Route } from '../../lib/route.ts';
import { paramPatternsOf } from '../../path-params.ts';
import type { FunctionName } from '../../registry.ts';
import { routes } from '../../routes.ts';
import { declarations } from '../schemas/index.ts';
import { checklistContracts } from './checklist.ts';
import { customDevContracts } from './custom-dev.ts';
import { deadlineContracts } from './deadlines.ts';
import { evidenceContracts } from './evidence.ts';
import { type Operation, problem } from './parts.ts';
import { pilotContracts } from './pilots.ts';
import { sheetContracts } from './sheets.ts';
import { tenderContracts } from './tenders.ts';

type Json = Record<string, unknown>;

/** Every API function's documentation (summary, responses): what it reads is its declaration (api/schemas/). */
export const operations: Partial<Record<FunctionName, Operation>> = {
  ...tenderContracts,
  ...checklistContracts,
  ...evidenceContracts,
  ...deadlineContracts,
  ...customDevContracts,
  ...pilotContracts,
  ...sheetContracts,
};

/**
 * The statuses a route answers besides its own, from what it is: every route checks its query's
 * length (400) and its headers' size (431), a token (401/403) unless public, its path ids' shape (404), a body's type and size
 * (413/415), If-Match (412/428). A status a route's own documentation names keeps that description.
 */
export function responsesOf(route: Route, api: Api, op: Operation): Operation['responses'] {
  const hasBody = api.request.body !== undefined || op.requestBody !== undefined;
  const out: Operation['responses'] = {
    400: problem('bad input: every failing field is named (query:x, header:x, or the body field)'),
    431: problem('the request headers are too large'),
  };
  if (route.auth !== 'public') {
    out[401] = problem('missing, expired or forged token');
    out[403] = problem('the token lacks a required role');
  }
  if (route.path.includes('{')) out[404] = problem('no such resource in this organisation');
  if (hasBody) {
    out[413] = problem('the body is over the size limit');
    out[415] = problem('the body is not application/json');
  }
  if (api.request.ifMatch) {
    out[412] = problem('the ETag is stale: nothing was written');
    out[428] = problem('If-Match is missing');
  }
  return { ...out, ...op.responses };
}

/** A route's declaration and documentation (throws when either is missing: the document cannot skip a route). */
export function describedRoute(route: Route): { api: Api; op: Operation } {
  const api = declarations.get(route.fn);
  const op = operations[route.fn as FunctionName];
  if (!api) throw new Error(`route ${route.method} ${route.path} has no declaration in api/schemas/`);
  if (!op) throw new Error(`route ${route.method} ${route.path} has no documentation in api/openapi/`);
  return { api, op };
}

/**
 * OpenAPI 3.1 generated from the route table, each function's declaration (the zod/mini schemas the
 * handler parses with) and its documentation — never hand-written. Shared schemas (those with an `id`)
 * become components; `$defs` refs are rewritten to them. Built at build time into openapi.json
 * (scripts/build-openapi.ts); test/unit/api/openapi.test.ts fails when that file is stale.
 */
export function buildOpenApi(version: string): Json {
  const components: Record<string, unknown> = {};
  const schema = (s: z.core.$ZodType, io: 'input' | 'output'): Json => {
    const {
      $schema: _,
      $defs,
      ...rest
    } = z.toJSONSchema(s, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
    for (const [id, def] of Object.entries(($defs as Json | undefined) ?? {}))
      components[id] = rewriteRefs(def);
    return rewriteRefs(rest) as Json;
  };

  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const { api, op } = describedRoute(route);
    const query = api.request.query;
    const queryShape: Record<string, z.core.$ZodType> =
      query instanceof z.core.$ZodObject ? query._zod.def.shape : {};
    const parameters = [
      ...Object.entries(paramPatternsOf(route.path)).map(([name, pattern]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: pattern.source },
      })),
      ...Object.entries(queryShape).map(([name, s]) => ({
        name,
        in: 'query',
        required: !z.safeParse(s, undefined).success,
        schema: schema(s, 'input'),
      })),
    ];
    const body = op.requestBody?.schema ?? api.request.body;
    // two routes may share a function (the calendar feeds): operation ids stay unique
    const siblings: readonly Route[] = routes.filter((r) => r.fn === route.fn);
    const doc: Json = {
      operationId: siblings.length > 1 ? `${route.fn}${siblings.indexOf(route) + 1}` : route.fn,
      summary: op.summary,
      ...(route.auth === 'public' ? { security: [] } : { 'x-required-roles': route.auth }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body
        ? {
            requestBody: {
              required: true,
              description: op.requestBody?.description,
              content: { 'application/json': { schema: schema(body, 'input') } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(responsesOf(route, api, op)).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema
              ? {
                  content: {
                    [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: {
                      schema: schema(r.schema, 'output'),
                    },
                  },
                }
              : {}),
          },
        ]),
      ),
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: doc };
  }

  return {
    openapi: '3.1.0',
    info: { title: 'Tenderflow API', version },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: components,
    },
  };
}

function rewriteRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) =>
      k === '$ref' && typeof x === 'string'
        ? [k, x.replace('#/$defs/', '#/components/schemas/')]
        : [k, rewriteRefs(x)],
    ),
  );
}
