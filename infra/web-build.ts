import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './constructs/paths.ts';

/** The root package.json script that builds web/ into web/dist (the web app's own build). */
export const WEB_BUILD_SCRIPT = 'build:web';

const packageJson = z.object({ scripts: z.record(z.string(), z.string()) });

/**
 * Build the web app for `cdk synth` / `cdk deploy`, every time, so a deploy ships the checked-out
 * source and never a stale web/dist. Its output goes to stderr: stdout belongs to the CDK CLI.
 * Returns the built directory.
 */
export function buildWebApp(): string {
  const scripts = packageJson.parse(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))).scripts;
  if (!existsSync(join(repoRoot, 'web')) || scripts[WEB_BUILD_SCRIPT] === undefined) {
    throw new Error(
      `the web app is not in this checkout (web/ and the "${WEB_BUILD_SCRIPT}" script): the stack deploys web/dist`,
    );
  }
  execFileSync('npm', ['run', '--silent', WEB_BUILD_SCRIPT], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
  const dist = join(repoRoot, 'web', 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`npm run ${WEB_BUILD_SCRIPT} did not produce web/dist/index.html`);
  }
  return dist;
}
