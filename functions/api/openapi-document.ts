import { z } from 'zod';
import { contracts } from './contracts.ts';
import { paramPatternsOf } from './path-params.ts';
import { type Route, routes } from './routes.ts';

type Json = Record<string, unknown>;

/**
 * OpenAPI 3.1 generated from the route table and the zod contracts — never hand-written.
 * Shared schemas (those with a zod `id`) become components; `$defs` refs are rewritten to them.
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
    const c = contracts[route.fn];
    if (!c) throw new Error(`route ${route.method} ${route.path} has no contract`);
    const parameters = [
      ...Object.entries(paramPatternsOf(route.path)).map(([name, pattern]) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: pattern.source },
      })),
      ...Object.entries(c.query?.shape ?? {}).map(([name, s]) => ({
        name,
        in: 'query',
        required: !z.safeParse(s, undefined).success,
        schema: schema(s, 'input'),
      })),
    ];
    // two routes may share a function (the calendar feeds): operation ids stay unique
    const siblings: readonly Route[] = routes.filter((r) => r.fn === route.fn);
    const op: Json = {
      operationId: siblings.length > 1 ? `${route.fn}${siblings.indexOf(route) + 1}` : route.fn,
      summary: c.summary,
      ...(route.auth === 'public' ? { security: [] } : { 'x-required-roles': route.auth }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(c.requestBody
        ? {
            requestBody: {
              required: true,
              description: c.requestBody.description,
              content: { [c.requestBody.contentType]: { schema: schema(c.requestBody.schema, 'input') } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(c.responses).map(([status, r]) => [
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
    if (route.auth !== 'public') {
      (op.responses as Json)['401'] = { description: 'missing, expired or forged token' };
      (op.responses as Json)['403'] = { description: 'the token lacks a required role' };
    }
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: op };
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
