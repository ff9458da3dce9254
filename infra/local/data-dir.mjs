// The local stack's data folder, shared by `npm start` (infra/local/start.mjs) and the `tenderflow` CLI.
// Plain JavaScript with only node: imports, so both can read it before loading anything else.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The default data folder: `.tenderflow/` at the project root, wherever the command is run from. */
export const defaultDataDir = fileURLToPath(new URL('../../.tenderflow', import.meta.url));

/** TENDERFLOW_DATA (relative to the current directory) when set, else the default. Always absolute. */
export function dataDirFrom(env = process.env) {
  const value = env.TENDERFLOW_DATA;
  return value ? resolve(value) : defaultDataDir;
}

/**
 * A command line as the user should paste it into a new shell: with `TENDERFLOW_DATA=…` in front when
 * the data folder is not the default (a new shell would otherwise look in the default one).
 */
export function withDataDir(dataDir, command) {
  if (resolve(dataDir) === defaultDataDir) return command;
  const quoted = /^[\w@%+=:,./-]+$/.test(dataDir) ? dataDir : `'${dataDir.replaceAll("'", "'\\''")}'`;
  return `TENDERFLOW_DATA=${quoted} ${command}`;
}
