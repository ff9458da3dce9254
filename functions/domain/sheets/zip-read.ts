import { Inflate } from 'fflate';
import { LIMITS, LimitExceededError, type ReadBudget, refuse } from '../../lib/limits.ts';

/**
 * A ZIP archive held in memory, read by its central directory (PKWARE APPNOTE 4.3.12–4.3.16): the
 * entries' names and where their data starts, without unpacking anything; then one entry at a time
 * unpacked as a stream by fflate's `Inflate`, a few kilobytes of input at a time, every byte it makes
 * counted against the file's budget — so a ZIP bomb is stopped when it has unpacked the limit, not
 * when it has unpacked itself. Sizes the archive declares are not trusted; only the bytes made count.
 */
export class ZipError extends Error {}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** what the archive says the entry unpacks to: checked before unpacking, but only the bytes made are trusted */
  declaredSize: number;
  dataStart: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** input pushed to the inflater at a time: deflate makes at most ~1,032 bytes of one, so a step makes at most ~8 MB */
const STEP = 8 * 1024;
const names = new TextDecoder('utf-8');

/** The entries of the archive, by name (more than the entry limit → refused before any is read). */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => (at + 4 <= bytes.length ? view.getUint32(at, true) : -1);
  const u16 = (at: number) => (at + 2 <= bytes.length ? view.getUint16(at, true) : -1);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (u32(i) === EOCD) {
      end = i;
      break;
    }
  if (end < 0) throw new ZipError('not a ZIP archive (no end of central directory)');
  const count = u16(end + 10);
  const offset = u32(end + 16);
  if (count === 0xffff || offset === 0xffffffff)
    throw new ZipError('a ZIP64 archive; a spreadsheet of a requirement list is far smaller');
  if (count > LIMITS.zipEntries) throw refuse.zipEntries(count);
  const out = new Map<string, ZipEntry>();
  let at = offset;
  for (let k = 0; k < count; k++) {
    if (u32(at) !== CENTRAL) throw new ZipError(`entry ${k + 1} of the central directory is damaged`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressedSize = u32(at + 20);
    const declaredSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    const local = u32(at + 42);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at = next;
    if (flags & 1) throw new ZipError(`${name} is encrypted`);
    if (u32(local) !== LOCAL) throw new ZipError(`${name}: its local header is missing`);
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + compressedSize > bytes.length)
      throw new ZipError(`${name} runs past the end of the file`);
    if (out.has(name)) throw new ZipError(`${name} is in the archive twice`);
    out.set(name, { name, method, compressedSize, declaredSize, dataStart });
  }
  return out;
}

/**
 * An entry's bytes as they are unpacked, in pieces; every piece counted against the budget (over the
 * limit → refused), and the event loop let through between pieces.
 */
export async function* entryBytes(
  bytes: Uint8Array,
  entry: ZipEntry,
  budget: ReadBudget,
): AsyncGenerator<Uint8Array> {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += STEP * 16) {
      const piece = data.subarray(i, i + STEP * 16);
      budget.expand(piece.length, entry.name);
      yield piece;
      await budget.pause();
    }
    return;
  }
  if (entry.method !== 8) throw new ZipError(`${entry.name} uses compression method ${entry.method}`);
  let made: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((piece) => {
    total += piece.length;
    // an entry that unpacks to more than its archive states is damaged, or lying to slip past the check of sizes
    if (total > entry.declaredSize)
      throw new ZipError(
        `${entry.name} unpacks to more than the ${entry.declaredSize} bytes its archive states`,
      );
    budget.expand(piece.length, entry.name);
    made.push(piece);
  });
  for (let i = 0; i < data.length || i === 0; i += STEP) {
    const last = i + STEP >= data.length;
    try {
      inflate.push(data.subarray(i, i + STEP), last);
    } catch (e) {
      if (e instanceof LimitExceededError || e instanceof ZipError) throw e;
      throw new ZipError(`${entry.name} cannot be unpacked (${e instanceof Error ? e.message : String(e)})`);
    }
    const pieces = made;
    made = [];
    for (const p of pieces) yield p;
    await budget.pause();
    if (last) break;
  }
}
