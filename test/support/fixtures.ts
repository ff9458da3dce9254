import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real OCDS and Prozorro publications copied into the project (test/fixtures/ocds/README.md names their sources). */
export const examplesDir = resolve(fileURLToPath(new URL('../fixtures/ocds', import.meta.url)));

export const exampleFiles = (): string[] =>
  readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
export const readExampleText = (name: string): string => readFileSync(join(examplesDir, name), 'utf8');
export const readExample = (name: string): unknown => JSON.parse(readExampleText(name));
