import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from '../functions/api/openapi/document.ts';

/**
 * `npm run openapi`: write /openapi.json from the route table, the declarations and their documentation.
 * Built here, at build time, so the `openapi` handler serves a JSON module and never loads classic zod
 * at cold start. test/unit/api/openapi.test.ts fails when the file is stale.
 */
export const openApiFile = fileURLToPath(new URL('../functions/api/openapi/openapi.json', import.meta.url));

export function openApiText(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  if (typeof pkg !== 'object' || pkg === null || !('version' in pkg) || typeof pkg.version !== 'string')
    throw new Error('package.json has no version');
  return `${JSON.stringify(buildOpenApi(pkg.version), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(openApiFile, openApiText());
  console.log(`wrote ${openApiFile}`);
}
