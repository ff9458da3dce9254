import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The tests' independent spreadsheet reader: Debian's python3-openpyxl (/usr/bin/python3, not a pyenv
 * shim; .ci/run installs it), so an exported file is checked by a library other than the one that wrote it.
 */
const PY = '/usr/bin/python3';
const SCRIPT = new URL('./xlsx.py', import.meta.url).pathname;

const Cell = z.object({ v: z.union([z.string(), z.number(), z.boolean(), z.null()]), t: z.string() });
const Sheet = z.object({
  rows: z.array(z.array(Cell)),
  hidden: z.array(z.string()),
  freeze: z.string().nullable(),
  autoFilter: z.string().nullable(),
  validations: z.array(
    z.object({ type: z.string().nullable(), formula1: z.string().nullable(), ranges: z.string() }),
  ),
});
const Workbook = z.record(z.string(), Sheet);
const Entries = z.array(z.object({ name: z.string(), size: z.number(), sha256: z.string() }));

const tmp = () => mkdtempSync(join(tmpdir(), 'tf-xlsx-'));

export function openpyxlRead(bytes: Uint8Array): z.infer<typeof Workbook> {
  const file = join(tmp(), 'in.xlsx');
  writeFileSync(file, bytes);
  return Workbook.parse(JSON.parse(execFileSync(PY, [SCRIPT, 'read', file], { encoding: 'utf8' })));
}

/** Edit cells as a colleague would in their spreadsheet program, and save. */
export function openpyxlEdit(bytes: Uint8Array, changes: Record<string, string | null>): Buffer {
  const dir = tmp();
  writeFileSync(join(dir, 'in.xlsx'), bytes);
  execFileSync(PY, [SCRIPT, 'edit', join(dir, 'in.xlsx'), join(dir, 'out.xlsx'), JSON.stringify(changes)]);
  return readFileSync(join(dir, 'out.xlsx'));
}

/** A ZIP's entries with their sizes and SHA-256, read by Python's zipfile. */
export function zipEntries(bytes: Uint8Array): z.infer<typeof Entries> {
  const file = join(tmp(), 'in.zip');
  writeFileSync(file, bytes);
  return Entries.parse(JSON.parse(execFileSync(PY, [SCRIPT, 'zip', file], { encoding: 'utf8' })));
}
