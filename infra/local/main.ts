import { resolve } from 'node:path';
import { JavaMissingError } from './dynamodb.ts';
import { PortInUseError, startLocalStack } from './stack.ts';
import { ensureWebBuild, webDist } from './web-build.ts';

/** `npm start`: the whole system on this machine. TENDERFLOW_DATA (default .tenderflow/) and PORT (default 3000). */
const dataDir = resolve(process.env.TENDERFLOW_DATA ?? '.tenderflow');
const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
  process.exit(2);
}

try {
  // the app is served from a current build: rebuilt when web/ or the API contract changed since the last one
  await ensureWebBuild({ log: (m) => console.log(m) });
  const stack = await startLocalStack({ dataDir, port, web: { distDir: webDist } });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local stack…`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  // If whatever started us goes away without a signal reaching us, stop rather than leave Java orphaned.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop('parent process exited');
  }, 1000).unref();
  console.log(`Tenderflow is running at ${stack.apiUrl}
  open:      ${stack.apiUrl}/  (the web app: sign in with any organisation, user and role)
  data:      ${dataDir}
  health:    curl ${stack.apiUrl}/health
  a token:   npx tenderflow token --org acme --user alice --role bid-manager
  import:    npx tenderflow import examples/standard-1.1.5-docs-examples-tender.json --org acme
  API doc:   ${stack.apiUrl}/openapi.json
Ctrl-C stops everything.`);
} catch (error) {
  if (error instanceof JavaMissingError || error instanceof PortInUseError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
