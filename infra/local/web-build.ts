import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './stack.ts';

export const webRoot = join(projectRoot, 'web');
export const webDist = join(webRoot, 'dist');
const openapiJson = join(projectRoot, 'functions/api/openapi/openapi.json');
const schemaTypes = join(webRoot, 'src/api/schema.d.ts');

/** What the build reads: web/ (not its output), the API contract, and the domain code the app shares (answer checks). */
const inputs = [webRoot, openapiJson, join(projectRoot, 'functions/domain/checklist')];

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return path === schemaTypes ? 0 : s.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

/** The app's API types, generated from the OpenAPI document (a changed contract breaks the web build). */
export async function generateApiTypes(): Promise<void> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(new URL(`file://${openapiJson}`));
  writeFileSync(
    schemaTypes,
    `// generated from functions/api/openapi/openapi.json by openapi-typescript: do not edit\n${astToString(ast)}`,
  );
}

/**
 * Build web/dist when it is missing or older than its sources or the API contract; true when it built.
 * Vite and openapi-typescript are loaded only to build: when nothing changed this is a few hundred stats.
 */
export async function ensureWebBuild(
  opts: { force?: boolean; log?: (m: string) => void } = {},
): Promise<boolean> {
  const index = join(webDist, 'index.html');
  if (!opts.force && existsSync(index) && statSync(index).mtimeMs >= Math.max(...inputs.map(newest)))
    return false;
  opts.log?.('building the web app (web/ → web/dist)…');
  await generateApiTypes();
  // Vite takes NODE_ENV from the environment when it is set: under vitest it is "test", and the app
  // would ship React's development build (≈70 KB gzipped more, slower) to every later `npm start`.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    await build({ configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}
