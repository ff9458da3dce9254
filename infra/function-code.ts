import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import { type FunctionName, functionNames, functions } from '../functions/registry.ts';
import { esbuildOptions } from './bundling.ts';
import { repoRoot } from './constructs/paths.ts';

/** The handler every bundle exports (`index.mjs`, `export const handler`). */
export const HANDLER = 'index.handler';

/**
 * Where esbuild is told it writes: the source maps' relative paths are computed from here, so they, and
 * the asset hashes, are the same on every machine and every run. Nothing is written to it: the files go
 * to a temporary directory that is removed once the assets are staged.
 */
const VIRTUAL_OUTDIR = join(repoRoot, 'infra', '.bundles');

/** The code of every function, keyed by registry name. */
export interface FunctionCode {
  code(name: FunctionName): Code;
  /** Remove the temporary files (after the stacks are built: the assets are staged by then). */
  dispose(): void;
}

/**
 * Every handler bundled in ONE esbuild call (all entry points share parsing and resolution), with the
 * options `npm run bench` measures (infra/bundling.ts): `<name>/index.mjs` and its source map, each
 * self-contained (no shared chunks). Replaces one NodejsFunction esbuild process per function.
 */
export function bundleFunctions(): FunctionCode {
  const started = Date.now();
  const result = buildSync({
    ...esbuildOptions,
    entryPoints: Object.fromEntries(
      functionNames.map((name) => [`${name}/index`, join(repoRoot, functions[name].entry)]),
    ),
    outdir: VIRTUAL_OUTDIR,
    outExtension: { '.js': '.mjs' },
    write: false,
    logLevel: 'error',
  });
  const dir = mkdtempSync(join(tmpdir(), 'tenderflow-bundles-'));
  for (const file of result.outputFiles) {
    const target = join(dir, relative(VIRTUAL_OUTDIR, file.path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  process.stderr.write(
    `Bundled ${functionNames.length} functions in one esbuild call (${Date.now() - started} ms)\n`,
  );
  return {
    code: (name) => Code.fromAsset(join(dir, name)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Template-only synth (tests): every function gets the same tiny stand-in asset, so the templates are
 * those of a bundled synth apart from the asset hashes.
 */
export function unbundledFunctions(): FunctionCode {
  const dir = mkdtempSync(join(tmpdir(), 'tenderflow-unbundled-'));
  writeFileSync(
    join(dir, 'index.mjs'),
    "export const handler = () => { throw new Error('synthesised without bundling'); };\n",
  );
  // One Code per function: an asset belongs to the stack that first uses it.
  return { code: () => Code.fromAsset(dir), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
