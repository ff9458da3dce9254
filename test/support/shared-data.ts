import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real OCDS examples, read in place from ../shared/data (never copied into the project). */
export const examplesDir = resolve(
  fileURLToPath(new URL('../../../shared/data/ocds/examples', import.meta.url)),
);
export const hasSharedData = existsSync(examplesDir);

if (!hasSharedData) {
  console.warn(
    `[tenderflow tests] ${examplesDir} is absent: tests that read the real OCDS examples do not run here (CI always has them).`,
  );
}

export const exampleFiles = (): string[] =>
  hasSharedData
    ? readdirSync(examplesDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
export const readExampleText = (name: string): string => readFileSync(join(examplesDir, name), 'utf8');
export const readExample = (name: string): unknown => JSON.parse(readExampleText(name));
