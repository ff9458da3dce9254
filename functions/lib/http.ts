import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod/mini';
import { authorize, type Caller, callerFrom } from './auth.ts';
import {
  badRequest,
  HttpError,
  InvalidInputError,
  notFound,
  PermissionError,
  payloadTooLarge,
  StateConflictError,
  unsupportedMediaType,
  VersionConflictError,
} from './errors.ts';
import { ifMatchVersion } from './etag.ts';
import { LimitExceededError } from './limits.ts';
import { addLogContext, inLogContext, log } from './log.ts';
import type { Endpoint, Route } from './route.ts';
import { parseOr400 } from './validate.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface HttpResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Request {
  event: HttpEvent;
  route: Route;
  /** present on every non-public route */
  caller: Caller;
  header(name: string): string | undefined;
  /** the body parsed as JSON, after content-type and size checks */
  json(): unknown;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** No query parameter and no header we read is longer than this (cursors are far shorter). */
export const MAX_QUERY_VALUE_CHARS = 2048;
export const MAX_HEADER_VALUE_CHARS = 1024;

/**
 * What a route reads, declared once (api/schemas/): the query and the JSON body as zod/mini schemas, and
 * whether it needs `If-Match`. The handler receives them parsed and typed; /openapi.json documents the
 * same schemas (api/openapi/).
 */
export interface RequestSchemas {
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** the version `If-Match` names: missing is 428, malformed 400 — checked before the body is read */
  ifMatch?: true;
}

/** An API function's routes and its request declaration: what `httpHandler` is built from (functions/routes.ts `api`). */
export interface Api<P extends string = string, S extends RequestSchemas = RequestSchemas>
  extends Endpoint<P> {
  request: S;
}

/** What `impl` receives: the path parameters (checked against their declared patterns) and the declared inputs, parsed. */
export type Input<P extends string, S extends RequestSchemas> = {
  path: Readonly<Record<P, string>>;
  query: S['query'] extends z.ZodMiniType ? z.output<S['query']> : undefined;
  body: S['body'] extends z.ZodMiniType ? z.output<S['body']> : undefined;
  version: S['ifMatch'] extends true ? number : undefined;
};

/**
 * Build an API handler: resolve the caller from the verified claims, check the route's roles, check
 * the path parameters (another shape: 404), parse the declared query, If-Match and body (400 naming
 * `query:x`, `header:If-Match` or the body field), run `impl`, and turn every thrown error into an
 * RFC 9457 problem response (unexposed errors become a plain 500). Every log line of the request
 * carries its request id, route and org.
 */
export function httpHandler<P extends string, S extends RequestSchemas>(
  endpoint: Api<P, S>,
  impl: (req: Request, input: Input<P, S>) => Promise<HttpResponse>,
  opts: { maxBodyBytes?: number } = {},
) {
  const [route] = endpoint.routes;
  const schemas = endpoint.request;
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const routeKeys = new Set(endpoint.routes.map((r) => `${r.method} ${r.path}`));
  const handler = middy<HttpEvent, HttpResult, Error, Context>()
    .use(problemResponses())
    .handler(async (event) => {
      const caller = route.auth === 'public' ? { org: '', user: '', roles: [] } : callerFrom(event);
      if (caller.org) addLogContext({ org: caller.org });
      authorize(caller, route);
      const path = checkedPathParameters(event, endpoint);
      checkQueryLengths(event);
      const headers = lowerKeys(event.headers ?? {});
      const req: Request = {
        event,
        route,
        caller,
        header: (name) => {
          const v = headers[name.toLowerCase()];
          if (v !== undefined && v.length > MAX_HEADER_VALUE_CHARS)
            throw badRequest(`the ${name} header is too long`, [
              { path: `header:${name}`, message: `at most ${MAX_HEADER_VALUE_CHARS} characters` },
            ]);
          return v;
        },
        json: () => readJson(event, headers, maxBodyBytes),
      };
      const res = await impl(req, parseInput(req, path, schemas));
      return toResult(res);
    });
  return (event: HttpEvent, context: Context): Promise<HttpResult> =>
    inLogContext(
      {
        requestId: event.requestContext?.requestId ?? context?.awsRequestId,
        route: routeKeys.has(event.routeKey) ? event.routeKey : `${route.method} ${route.path}`,
      },
      () => handler(event, context),
    );
}

function parseInput<P extends string, S extends RequestSchemas>(
  req: Request,
  path: Record<string, string>,
  schemas: S,
): Input<P, S> {
  const query =
    schemas.query && parseOr400(schemas.query, req.event.queryStringParameters ?? {}, 'query', 'query:');
  const version = schemas.ifMatch && ifMatchVersion(req.header('if-match'));
  const body = schemas.body && parseOr400(schemas.body, req.json(), 'body');
  // the conditional types above are exactly what was parsed: a schema's output, or undefined when none is declared
  return { path, query, body, version } as Input<P, S>;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  body,
  headers,
});

/** A non-JSON body (e.g. text/calendar): sent as is with its content type. */
export const text = (
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): HttpResponse => ({
  status,
  body: new RawBody(body),
  headers: { 'content-type': contentType, ...headers },
});

/** A binary body (e.g. an XLSX file): sent base64-encoded with isBase64Encoded, as API Gateway expects. */
export const binary = (
  status: number,
  bytes: Uint8Array,
  contentType: string,
  headers: Record<string, string> = {},
): HttpResponse => ({
  status,
  body: new RawBody(Buffer.from(bytes).toString('base64'), true),
  headers: { 'content-type': contentType, ...headers },
});

class RawBody {
  constructor(
    readonly text: string,
    readonly base64 = false,
  ) {}
}

function toResult(res: HttpResponse): HttpResult {
  if (res.body instanceof RawBody)
    return {
      statusCode: res.status,
      headers: res.headers,
      body: res.body.text,
      ...(res.body.base64 ? { isBase64Encoded: true } : {}),
    };
  const hasBody = res.body !== undefined;
  return {
    statusCode: res.status,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...res.headers },
    body: hasBody ? JSON.stringify(res.body) : '',
  };
}

/** Every declared path parameter must match its pattern: an id of another shape cannot exist (404). */
function checkedPathParameters(event: HttpEvent, endpoint: Endpoint): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, pattern] of Object.entries(endpoint.params)) {
    const v = event.pathParameters?.[name];
    if (v === undefined) {
      // a parameter every route of the function has is one the handler reads: the gateway always sends it
      if (endpoint.routes.every((r) => r.path.includes(`{${name}}`)))
        throw badRequest(`missing path parameter ${name}`);
      continue;
    }
    if (!pattern.test(v)) throw notFound(`no such resource: ${name} is not a valid id`);
    out[name] = v;
  }
  return out;
}

function checkQueryLengths(event: HttpEvent): void {
  const errors = Object.entries(event.queryStringParameters ?? {})
    .filter(([, v]) => (v ?? '').length > MAX_QUERY_VALUE_CHARS)
    .map(([k]) => ({
      path: `query:${k.slice(0, 64)}`,
      message: `at most ${MAX_QUERY_VALUE_CHARS} characters`,
    }));
  if (errors.length > 0) throw badRequest('a query parameter is too long', errors);
}

const lowerKeys = (h: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).flatMap(([k, v]) => (v === undefined ? [] : [[k.toLowerCase(), v]])));

function readJson(event: HttpEvent, headers: Record<string, string>, maxBytes: number): unknown {
  const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw unsupportedMediaType(
      `the body must be application/json, not ${type === '' ? 'an unnamed content type' : type}`,
    );
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) {
    throw payloadTooLarge(`the body is ${bytes.byteLength} bytes; the limit is ${maxBytes} bytes`);
  }
  if (bytes.byteLength === 0)
    throw badRequest('the body is empty', [{ path: '', message: 'a JSON document is required' }]);
  const text = bytes.toString('utf8');
  if (nestingDepth(text) > MAX_JSON_DEPTH)
    throw badRequest('the body is nested too deeply', [
      { path: '', message: `at most ${MAX_JSON_DEPTH} levels of arrays and objects` },
    ]);
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw badRequest('the body is not valid JSON', [{ path: '', message }]);
  }
}

/** Deeper than any document we read (an OCDS release is about ten levels); bounds the work of every reader after JSON.parse. */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in a JSON text, counted outside strings (one linear pass, no parse). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** Middy error middleware: every error becomes application/problem+json. */
function problemResponses(): middy.MiddlewareObj<HttpEvent, HttpResult, Error, Context> {
  return {
    onError: async (request) => {
      const err = toHttpError(request.error);
      if (!err.expose) log.error('unhandled error', { error: request.error, path: request.event.rawPath });
      else if (isServiceInputError(request.error))
        // a last-line 400 (the service rejected the input): answer it, but log it as a validation gap
        log.warn('input rejected by a service, not by our validation', {
          error: request.error,
          path: request.event.rawPath,
        });
      request.response = {
        statusCode: err.status,
        headers: { 'content-type': 'application/problem+json', ...err.headers },
        body: JSON.stringify({
          type: 'about:blank',
          title: err.title,
          status: err.status,
          detail: err.expose ? err.message : 'An internal error occurred.',
          instance: request.event.rawPath,
          ...(err.expose && err.errors.length > 0 ? { errors: err.errors } : {}),
        }),
      };
    },
  };
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof InvalidInputError) return badRequest(error.message, error.errors);
  if (error instanceof LimitExceededError)
    return new HttpError(
      error.status,
      error.status === 413 ? 'Content Too Large' : 'Unprocessable Content',
      error.message,
    );
  if (error instanceof VersionConflictError) return new HttpError(412, 'Precondition Failed', error.message);
  if (error instanceof StateConflictError) return new HttpError(409, 'Conflict', error.message);
  if (error instanceof PermissionError) return new HttpError(403, 'Forbidden', error.message);
  if (isServiceInputError(error))
    return new HttpError(400, 'Bad Request', 'the request has a value the data store cannot accept', {
      cause: error,
    });
  return new HttpError(500, 'Internal Server Error', 'internal error', { cause: error });
}

/**
 * The AWS SDK's client-side input errors (DynamoDB `ValidationException`: a key or value too large,
 * a cursor outside the query's range): the request, not the service, is at fault. A last line only:
 * each is logged, so the validation that should have caught it can be added.
 */
const SERVICE_INPUT_ERRORS = new Set(['ValidationException']);
function isServiceInputError(error: unknown): boolean {
  if (!(error instanceof Error) || !SERVICE_INPUT_ERRORS.has(error.name)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status === undefined || status === 400;
}
