import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './constructs/paths.ts';

/**
 * The web app's own build (issue #12's web/ side): it exports
 * `ensureWebBuild({ force, log }): Promise<boolean>`, which generates the API types and runs Vite into
 * web/dist. `npm start` uses it too.
 */
export const WEB_BUILD_MODULE = 'infra/local/web-build.ts';

/**
 * Build the web app for `cdk synth` / `cdk deploy`, every time (`force`), so a deploy ships the
 * checked-out source and never a stale web/dist. It runs in a child process: this entry point stays
 * synchronous, and its output goes to stderr (stdout belongs to the CDK CLI). Returns web/dist.
 */
export function buildWebApp(): string {
  const module = join(repoRoot, WEB_BUILD_MODULE);
  if (!existsSync(module)) {
    throw new Error(`the web app is not in this checkout (${WEB_BUILD_MODULE}): the stack deploys web/dist`);
  }
  const script = `const { ensureWebBuild } = await import(${JSON.stringify(pathToFileURL(module).href)});
await ensureWebBuild({ force: true, log: (m) => console.error(m) });`;
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
  });
  const dist = join(repoRoot, 'web', 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`${WEB_BUILD_MODULE} did not produce web/dist/index.html`);
  }
  return dist;
}
