import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { JWTPayload } from 'jose';
import type { Route } from '../../functions/lib/route.ts';
import type { FunctionName } from '../../functions/registry.ts';
import { routes } from '../../functions/routes.ts';

export type ApiHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's own payload limit. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const compiled = routes.map((route) => ({
  route: route as Route<FunctionName>,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

export function lambdaContext(fn: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `tenderflow-${fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:tenderflow-${fn}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/tenderflow-${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const problem = (
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
};

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_REQUEST_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// Opened before this module loads (infra/local/start.mjs): the port's answers while the stack starts.
export { clientError, STARTING_RETRY_AFTER_SECONDS, startingGateway } from './api-port.mjs';

const isText = (type: string | undefined) => !type || /json|text|xml|x-www-form-urlencoded/.test(type);

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * A text body reaches the handler as a string only when it is UTF-8 text (no other charset
 * declared, and valid UTF-8); anything else is passed base64-encoded with isBase64Encoded, as
 * API Gateway passes binary bodies, so the handler gets the bytes as sent (e.g. an ISO-8859-1 JSON).
 */
function isUtf8Text(type: string | undefined, body: Buffer): boolean {
  if (!isText(type)) return false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return false;
  try {
    utf8.decode(body);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local API Gateway: the same route table, the same handlers, HTTP API (payload v2) events,
 * and the JWT authorizer's behaviour — a missing, expired or forged token is a 401 before any
 * handler runs; verified claims reach the handler in requestContext.authorizer.jwt.claims.
 */
export function gateway(opts: {
  handlers: (fn: FunctionName) => Promise<ApiHandler>;
  verify: (token: string) => Promise<JWTPayload>;
}): RequestListener {
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = (req.method ?? 'GET').toUpperCase();
      const match = compiled.map((c) => ({ ...c, m: c.pattern.exec(url.pathname) })).filter((c) => c.m);
      const hit = match.find((c) => c.route.method === method);
      if (!hit) {
        return match.length > 0
          ? problem(res, 405, 'Method Not Allowed', `${method} is not allowed on ${url.pathname}`)
          : problem(res, 404, 'Not Found', `no route for ${method} ${url.pathname}`);
      }
      let claims: JWTPayload | undefined;
      if (hit.route.auth !== 'public') {
        const auth = req.headers.authorization ?? '';
        const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
        if (!token)
          return problem(res, 401, 'Unauthorized', 'a bearer token is required', {
            'www-authenticate': 'Bearer',
          });
        try {
          claims = await opts.verify(token.trim());
        } catch (error) {
          return problem(res, 401, 'Unauthorized', `invalid token: ${(error as Error).message}`, {
            'www-authenticate': 'Bearer error="invalid_token"',
          });
        }
      }
      const body = await readBody(req);
      if (body === 'too-large')
        return problem(res, 413, 'Content Too Large', `the request is over ${MAX_REQUEST_BYTES} bytes`);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k.toLowerCase(),
          Array.isArray(v) ? v.join(',') : (v ?? ''),
        ]),
      );
      const text = isUtf8Text(headers['content-type'], body);
      const query = Object.fromEntries(url.searchParams);
      const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
        version: '2.0',
        routeKey: `${hit.route.method} ${hit.route.path}`,
        rawPath: url.pathname,
        rawQueryString: url.search.replace(/^\?/, ''),
        headers,
        queryStringParameters: Object.keys(query).length ? query : undefined,
        pathParameters: hit.m?.groups ? { ...hit.m.groups } : undefined,
        body: body.length === 0 ? undefined : text ? body.toString('utf8') : body.toString('base64'),
        isBase64Encoded: body.length > 0 && !text,
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: 'local',
          http: {
            method,
            path: url.pathname,
            protocol: 'HTTP/1.1',
            sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            userAgent: headers['user-agent'] ?? '',
          },
          requestId: randomUUID(),
          routeKey: `${hit.route.method} ${hit.route.path}`,
          stage: '$default',
          time: new Date().toISOString(),
          timeEpoch: Date.now(),
          authorizer: {
            principalId: '',
            integrationLatency: 0,
            jwt: { claims: (claims ?? {}) as Record<string, string>, scopes: [] },
          },
        },
        stageVariables: undefined,
      } as APIGatewayProxyEventV2WithJWTAuthorizer;
      const handler = await opts.handlers(hit.route.fn);
      const result = await handler(event, lambdaContext(hit.route.fn));
      const out = result.isBase64Encoded
        ? Buffer.from(result.body ?? '', 'base64')
        : Buffer.from(result.body ?? '', 'utf8');
      res.writeHead(result.statusCode ?? 200, {
        ...(result.headers as Record<string, string>),
        'content-length': String(out.length),
      });
      res.end(out);
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'local gateway: handler crashed',
          error: String((error as Error)?.stack ?? error),
        }),
      );
      if (!res.headersSent) problem(res, 500, 'Internal Server Error', 'An internal error occurred.');
      else res.end();
    }
  };
}
