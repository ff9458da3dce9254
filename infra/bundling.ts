import { join } from 'node:path';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** ESM bundles have no `require`; some dependencies still call it for Node built-ins. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __tfCreateRequire } from 'node:module'; const require = __tfCreateRequire(import.meta.url);";

/**
 * moment-timezone (used only by date-holidays-parser, always for UTC) without its zone data: ~0.7 MB
 * less in every handler that counts working days (infra/moment-timezone-utc.mjs).
 */
const MOMENT_TIMEZONE_UTC = join(import.meta.dirname, 'moment-timezone-utc.mjs');

/**
 * How every handler is bundled — one definition for the CDK functions (infra/function-code.ts builds
 * them all in one esbuild call with {@link esbuildOptions}) and for `npm run bench`, so the bench
 * measures exactly what is deployed. Kept in NodejsFunction's shape for any construct that bundles alone.
 */
export const lambdaBundling = {
  format: OutputFormat.ESM,
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  // Mappings only (no embedded sources): readable stack traces at a small cold-start cost.
  sourceMap: true,
  sourcesContent: false,
  banner: ESM_REQUIRE_BANNER,
  // Bundle the AWS SDK too: the deployed version is the one in package-lock.json, tree-shaken.
  externalModules: [],
  esbuildArgs: { '--alias:moment-timezone': MOMENT_TIMEZONE_UTC },
} satisfies BundlingOptions;

/** The same settings as plain esbuild options. */
export const esbuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: lambdaBundling.target,
  mainFields: lambdaBundling.mainFields,
  minify: lambdaBundling.minify,
  sourcemap: lambdaBundling.sourceMap,
  sourcesContent: lambdaBundling.sourcesContent,
  banner: { js: lambdaBundling.banner },
  alias: { 'moment-timezone': MOMENT_TIMEZONE_UTC },
};
