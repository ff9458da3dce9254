import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type FunctionName, functionNames, functions } from '../../functions/registry.ts';
import { workflowNames, workflows } from '../../workflows/registry.ts';
import { type ApiPort, openApiPort } from './api-port.mjs';
import { startDynamo } from './dynamodb.ts';
import type { DynamoProcess } from './dynamodb-process.mjs';
import { type ApiHandler, gateway, lambdaContext } from './gateway.ts';
import { ensureKeys, tokenVerifier } from './keys.ts';
import { freePort } from './ports.ts';
import { startS3 } from './s3.ts';
import { sfnEndpoint } from './sfn-endpoint.ts';
import { snsEndpoint } from './sns-endpoint.ts';
import { writeJsonAtomic } from './state-file.ts';
import { webApp } from './web-app.ts';
import { LocalWorkflowEngine, localArn } from './workflow-engine.ts';

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

export interface LocalStackOptions {
  dataDir: string;
  /** the API port; 0 picks a free one */
  port: number;
  /** run the alert sweep every `sweepEveryMs` (default one minute; 0 turns the timer off) */
  sweepEveryMs?: number;
  quiet?: boolean;
  /** serve the built web app (web/dist) and the local sign-in on the API's port (infra/local/web-app.ts) */
  web?: {
    distDir: string;
    /** requests are served once this resolves (the build `npm start` runs beside the rest of the start) */
    built?: Promise<unknown>;
  };
  /**
   * Keep DynamoDB Local's data in memory (nothing survives a restart). Only `npm run bench` uses it, to
   * measure the intake without the disk-backed DynamoDB Local's own write floor; `npm start` persists.
   */
  dynamoInMemory?: boolean;
  /** the API port, already open and answering 503 (`npm start` opens it first: infra/local/start.mjs); else opened here */
  api?: ApiPort;
  /** DynamoDB Local, already spawned (`npm start` spawns it first thing); else spawned here */
  dynamo?: DynamoProcess;
  /** called with the name of each step as it completes (`TENDERFLOW_TIMING=1 npm start` prints them) */
  timing?: (step: string) => void;
}

export interface LocalStack {
  apiUrl: string;
  dataDir: string;
  /** the environment every handler sees: the same variable names the CDK sets, plus the SDK's endpoints */
  env: Record<string, string>;
  engine: LocalWorkflowEngine;
  sfnUrl: string;
  sweep(at?: string): Promise<unknown>;
  stop(): Promise<void>;
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        e.code === 'EADDRINUSE'
          ? new PortInUseError(
              `port ${port} is already in use: stop what uses it, or start with PORT=<another port>`,
            )
          : e,
      ),
    );
    server.listen(port, '127.0.0.1', () => {
      const a = server.address();
      ok(typeof a === 'object' && a ? a.port : port);
    });
  });

const close = (server: Server) =>
  new Promise<void>((ok) => {
    server.closeAllConnections();
    server.close(() => ok());
  });

/** The names the local stack gives its resources (the CDK names them in AWS). */
export const localResources = {
  tableName: 'tenderflow',
  bucketName: 'tenderflow-documents',
  alertTopicArn: `arn:aws:sns:${localArn.region}:${localArn.account}:tenderflow-alerts`,
};

/** `promises` all resolved; when one rejects, its error once every other has settled (so each registered its stop). */
async function allStarted<T extends readonly unknown[]>(
  promises: {
    [K in keyof T]: Promise<T[K]>;
  },
): Promise<T> {
  try {
    return (await Promise.all(promises)) as unknown as T;
  } catch (error) {
    await Promise.allSettled(promises);
    throw error;
  }
}

/**
 * Start the whole system on this machine: DynamoDB Local, s3rver, the local workflow engine behind
 * a Step Functions endpoint, and the local API gateway — all running the same handlers. Everything that
 * can start at once does (DynamoDB Local, s3rver, the keys, the health handler, the web build check);
 * until it all has, the API port answers 503 with Retry-After.
 */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const mark = opts.timing ?? (() => undefined);
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // Fail fast on a taken API port, before anything is started; until the stack is ready, every
  // request there gets an immediate 503 with Retry-After (never a hang), then the real gateway.
  const api =
    opts.api ??
    (await openApiPort(opts.port).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EADDRINUSE'
        ? new PortInUseError(
            `port ${opts.port} is already in use: stop what uses it, or start with PORT=<another port>`,
          )
        : e;
    }));
  const apiPort = api.port;
  const stops: (() => Promise<void>)[] = [() => api.close()];
  if (opts.dynamo) stops.push(opts.dynamo.stop);
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const [dynamoPort, s3Port] = await Promise.all([opts.dynamo?.port ?? freePort(), freePort()]);
    const sfnServer = createServer();
    const sfnUrl = `http://127.0.0.1:${await listen(sfnServer, 0)}`;
    stops.push(() => close(sfnServer));
    const snsServer = createServer(snsEndpoint({ quiet: opts.quiet }));
    const snsUrl = `http://127.0.0.1:${await listen(snsServer, 0)}`;
    stops.push(() => close(snsServer));
    const env: Record<string, string> = {
      TABLE_NAME: localResources.tableName,
      BUCKET_NAME: localResources.bucketName,
      ALERT_TOPIC_ARN: localResources.alertTopicArn,
      ...Object.fromEntries(workflowNames.map((w) => [workflows[w].arnEnv, localArn.stateMachine(w)])),
      AWS_REGION: localArn.region,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${dynamoPort}`,
      AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Port}`,
      AWS_ENDPOINT_URL_SFN: sfnUrl,
      AWS_ENDPOINT_URL_SNS: snsUrl,
      AWS_S3_FORCE_PATH_STYLE: 'true',
    };
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;
    // before any handler is imported: each reads its environment once, at import (cold start)
    Object.assign(process.env, env, opts.quiet ? { TENDERFLOW_QUIET: 'true' } : {});

    // Handlers are imported on first use (the gateway's first request to a route, a workflow's first
    // task); that every one can be is checked here cheaply: each registry entry is a file.
    const missing = functionNames.filter((fn) => !existsSync(join(projectRoot, functions[fn].entry)));
    if (missing.length)
      throw new Error(`functions/registry.ts names missing handler files: ${missing.join(', ')}`);
    const modules = new Map<
      FunctionName,
      Promise<{ handler: (event: unknown, context: unknown) => Promise<unknown> }>
    >();
    const load = (fn: FunctionName) => {
      let m = modules.get(fn);
      if (!m) {
        m = import(pathToFileURL(join(projectRoot, functions[fn].entry)).href);
        modules.set(fn, m);
      }
      return m.then((x) => x.handler);
    };
    const invoke = async (fn: string, payload: unknown) => {
      if (!(fn in functions)) throw new Error(`no function ${fn} in functions/registry.ts`);
      return (await load(fn as FunctionName))(payload, lambdaContext(fn));
    };

    const engine = new LocalWorkflowEngine({
      root: projectRoot,
      dataDir,
      handlers: (fn) => (payload) => invoke(fn, payload),
    });
    sfnServer.on('request', sfnEndpoint(engine));
    mark('workflows registered');

    const [, , verify] = await allStarted([
      startDynamo({
        dir: opts.dynamoInMemory ? null : join(dataDir, 'dynamodb'),
        port: dynamoPort,
        tableName: localResources.tableName,
        process: opts.dynamo,
        timing: mark,
      }).then((dynamo) => {
        stops.push(dynamo.stop);
        mark('DynamoDB Local up, table there');
      }),
      startS3({ dir: join(dataDir, 's3'), port: s3Port, buckets: [localResources.bucketName] }).then((s3) => {
        stops.push(s3.stop);
        mark('s3rver up');
      }),
      ensureKeys(dataDir)
        .then(() => tokenVerifier(dataDir))
        .finally(() => mark('keys')),
      // the first request after the start is usually GET /health: have its handler ready
      load('health').finally(() => mark('health handler loaded')),
      Promise.resolve(opts.web?.built).finally(() => opts.web && mark('web app built')),
    ]);

    const apiGateway = gateway({ handlers: (fn) => load(fn) as Promise<ApiHandler>, verify });
    const web = opts.web && webApp({ dataDir, distDir: opts.web.distDir });
    const ready: RequestListener = web
      ? (req, res) =>
          void web(req, res).then(
            (served) => served || apiGateway(req, res),
            (error: unknown) => {
              console.error('local web app failed', error);
              if (!res.headersSent) res.writeHead(500).end();
            },
          )
      : apiGateway;

    const sweep = (at?: string) => invoke('alertSweep', at ? { at } : {});
    const every = opts.sweepEveryMs ?? 60_000;
    if (every > 0) {
      const timer = setInterval(
        () => void sweep().catch((e) => console.error('alert sweep failed', e)),
        every,
      );
      timer.unref();
      stops.push(async () => clearInterval(timer));
    }

    // on stop, running executions finish (for up to 10 s) before DynamoDB Local and s3rver stop
    stops.push(async () => {
      await Promise.race([engine.idle(), new Promise((r) => setTimeout(r, 10_000))]);
    });
    engine.resumeInterrupted();
    api.serve(ready);
    mark('ready');
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const runtimeFile = join(dataDir, 'runtime.json');
    writeJsonAtomic(runtimeFile, { apiUrl, sfnUrl, env, pid: process.pid });
    stops.push(async () => rmSync(runtimeFile, { force: true }));
    return { apiUrl, dataDir, env, engine, sfnUrl, sweep, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
