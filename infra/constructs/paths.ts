import { fileURLToPath } from 'node:url';

/** The repository root: registry entries and ASL files are paths relative to it. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
