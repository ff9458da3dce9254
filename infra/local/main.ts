import type { ApiPort } from './api-port.mjs';
import { withDataDir } from './data-dir.mjs';
import { JavaMissingError } from './dynamodb.ts';
import type { DynamoProcess } from './dynamodb-process.mjs';
import { PortInUseError, startLocalStack } from './stack.ts';
import { ensureWebBuild, webDist } from './web-build.ts';

/** What infra/local/stack-process.mjs has started before loading this module: the API port (its parent's), the JVM. */
export interface Boot {
  api: ApiPort;
  dataDir: string;
  dynamo: DynamoProcess;
  timing: (step: string) => void;
}

/**
 * The rest of `npm start`, loaded while its first process answers 503 on the API port: the whole system on this machine.
 * Resolves to its stop, or exits the process with a one-line reason (no Java, the port taken).
 */
export async function main(boot: Boot): Promise<() => Promise<void>> {
  const { api, dataDir } = boot;
  try {
    const stack = await startLocalStack({
      dataDir,
      port: api.port,
      api,
      dynamo: boot.dynamo,
      timing: boot.timing,
      // the app is served from a current build: rebuilt, beside the rest of the start, when web/ or the
      // API contract changed since the last one
      web: { distDir: webDist, built: ensureWebBuild({ log: (m) => console.log(m) }) },
    });
    await api.serving; // the parent has handed the port over: requests come here
    const cli = (command: string) => withDataDir(dataDir, `npx tenderflow ${command}`);
    console.log(`Tenderflow is running at ${stack.apiUrl}
  open:      ${stack.apiUrl}/  (the web app: sign in with any organisation, user and role)
  data:      ${dataDir}
  health:    curl ${stack.apiUrl}/health
  a token:   ${cli('token --org acme --user alice --role bid-manager')}
  import:    ${cli('import examples/standard-1.1.5-docs-examples-tender.json --org acme')}
  API doc:   ${stack.apiUrl}/openapi.json
Ctrl-C stops everything.`);
    return stack.stop;
  } catch (error) {
    if (error instanceof JavaMissingError || error instanceof PortInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
