import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The local stack's own state on disk (execution records, keys, runtime.json, caches): written so a
 * kill -9 at any instant leaves either the old file or the new one, never half of one, and read so a
 * file damaged anyway (a disk full, a hand edit, a copy from an older version) is set aside with a
 * warning instead of stopping `npm start`.
 */

/**
 * Write `text` to `file` atomically: a temporary file beside it (same folder, so the rename never
 * crosses a file system), fsync'd, renamed over the old one, then the folder fsync'd so the rename
 * itself survives a power cut.
 */
export function writeFileAtomic(file: string, text: string, opts: { mode?: number } = {}): void {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = openSync(tmp, 'w', opts.mode ?? 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  try {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // some file systems refuse fsync on a folder: the rename is still atomic
  }
}

export const writeJsonAtomic = (file: string, value: unknown, opts: { mode?: number } = {}): void =>
  writeFileAtomic(file, JSON.stringify(value, null, 2), opts);

export type Warn = (message: string) => void;

const defaultWarn: Warn = (message) => console.warn(message);

/**
 * Read a JSON state file. A file that is not JSON, or that `accept` refuses, is renamed to
 * `<file>.damaged` (replacing an older one of that name) with a warning naming both files, and
 * `undefined` is returned: the caller goes on without it. A missing file is `undefined`, silently.
 */
export function readJsonOrSetAside<T>(
  file: string,
  accept: (value: unknown) => value is T,
  warn: Warn = defaultWarn,
): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let why: string;
  try {
    const value: unknown = JSON.parse(text);
    if (accept(value)) return value;
    why = 'it is JSON but not the record expected';
  } catch (error) {
    why = `it is not JSON (${(error as Error).message})`;
  }
  const aside = `${file}.damaged`;
  try {
    renameSync(file, aside);
    warn(`local state file ${file} is damaged: ${why}; set aside as ${aside}, going on without it`);
  } catch (error) {
    warn(
      `local state file ${file} is damaged: ${why}; it could not be set aside (${(error as Error).message})`,
    );
  }
  return undefined;
}
