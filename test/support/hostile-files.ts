import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * The hostile files of issue #20, made in the test (nothing big is committed), deterministically:
 * ZIP bombs (a few hundred kilobytes that unpack to hundreds of megabytes), an XLSX of 1,000,000 rows
 * and a 50 MB CSV. Each part's text is generated lazily, a piece at a time, and deflated as a stream,
 * so making a file never holds its unpacked text; a bomb's blanks are one flushed deflate block
 * repeated (a full flush makes each copy stand alone), so even 1.17 GB is made in a moment. The ZIP
 * is written by hand (PKWARE APPNOTE 4.3: local headers, central directory, end record) around the
 * deflated parts, with their CRC-32s; `declare` can make an entry lie about its size.
 * Shared by test/unit/domain/sheets/hostile-files.test.ts, the integration test and bench/hostile-files.ts.
 */

interface Part {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
  /** the size the archive states (default: the true one) */
  declare?: number;
}

/** A part's text, deflated as it is generated. */
async function deflatePart(name: string, pieces: Iterable<string | Uint8Array>): Promise<Part> {
  const deflate = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name, data: Buffer.concat(out), crc, size };
}

/** The ZIP of the parts (deflate, no data descriptors, no ZIP64: every size under 4 GiB). */
function zip(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.declare ?? p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.crc, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.declare ?? p.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, p.data);
    central.push(dir, name);
    offset += local.length + name.length + p.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dirBytes, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts every workbook has, for `sheets` worksheets (sheet1.xml … sheetN.xml). */
async function frame(sheets: number): Promise<Part[]> {
  const list = Array.from({ length: sheets }, (_, i) => i + 1);
  const texts: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><workbook ${NS} xmlns:r="${REL}"><sheets>${list.map((i) => `<sheet name="Sheet${i}" sheetId="${i}" r:id="rId${i}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="${PKG_REL}">${list.map((i) => `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('')}</Relationships>`,
  };
  return Promise.all(Object.entries(texts).map(([name, text]) => deflatePart(name, [text])));
}

const MB = Buffer.alloc(1024 * 1024, 0x20);
/** a megabyte of blanks as deflate blocks that stand alone (full flush), to be repeated */
const MB_DEFLATED = deflateRawSync(MB, { level: 9, finishFlush: constants.Z_FULL_FLUSH });

/** A worksheet of `megabytes` MB of blanks inside its sheetData: the shape of the issue's bombs. */
function blankSheet(name: string, megabytes: number, declare?: number): Part {
  const head = Buffer.from(`<?xml version="1.0"?><worksheet ${NS}><sheetData>`);
  const tail = Buffer.from('</sheetData></worksheet>');
  let crc = crc32(head);
  for (let i = 0; i < megabytes; i++) crc = crc32(MB, crc);
  crc = crc32(tail, crc);
  const data = Buffer.concat([
    deflateRawSync(head, { finishFlush: constants.Z_FULL_FLUSH }),
    ...Array.from({ length: megabytes }, () => MB_DEFLATED),
    deflateRawSync(tail),
  ]);
  const size = head.length + megabytes * MB.length + tail.length;
  return { name, data, crc, size, ...(declare === undefined ? {} : { declare }) };
}

/**
 * A ZIP bomb as an XLSX: `sheets` worksheets of `megabytesPerSheet` MB of blanks each. One sheet of
 * 300 MB is about 300 KB (the issue's 305 KB bomb); 20 sheets of 56 MB, each under the old per-part
 * limit, about 1.1 MB unpacking to 1.17 GB (the issue's second bomb). `lie`: each sheet's entry
 * claims 1 KB, so only counting the bytes made can stop it.
 */
export async function zipBombXlsx(sheets: number, megabytesPerSheet: number, lie = false): Promise<Buffer> {
  const parts = await frame(sheets);
  for (let i = 1; i <= sheets; i++)
    parts.push(blankSheet(`xl/worksheets/sheet${i}.xml`, megabytesPerSheet, lie ? 1024 : undefined));
  return zip(parts);
}

/**
 * An XLSX of `rows` rows (a header, then «Requirement n» with its reference), generated row by row:
 * about 70 MB unpacked for a million rows. `compact`: a number per row and no cell references (about
 * 30 MB for a million rows, under the unpacked limit, so that only the count of rows can stop it).
 */
export async function manyRowsXlsx(rows: number, compact = false): Promise<Buffer> {
  function* sheet(): Generator<string> {
    yield `<?xml version="1.0"?><worksheet ${NS}><sheetData>`;
    yield compact
      ? '<row><c t="inlineStr"><is><t>Reference</t></is></c></row>'
      : '<row r="1"><c r="A1" t="inlineStr"><is><t>Reference</t></is></c><c r="B1" t="inlineStr"><is><t>Requirement</t></is></c></row>';
    let batch = '';
    for (let r = 2; r <= rows; r++) {
      batch += compact
        ? `<row><c><v>${r - 1}</v></c></row>`
        : `<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c><c r="B${r}" t="inlineStr"><is><t>Requirement ${r - 1}</t></is></c></row>`;
      if (batch.length > 256 * 1024) {
        yield batch;
        batch = '';
      }
    }
    yield `${batch}</sheetData></worksheet>`;
  }
  const parts = await frame(1);
  parts.push(await deflatePart('xl/worksheets/sheet1.xml', sheet()));
  return zip(parts);
}

/** A CSV of at least `bytes` bytes: a header, then numbered requirement rows. */
export function bigCsv(bytes: number): Buffer {
  const out = Buffer.alloc(bytes + 200);
  let at = out.write('Reference;Requirement;Mandatory');
  for (let r = 1; at < bytes; r++)
    at += out.write(`\r\n${r};The supplier provides item ${r} as specified in the technical annex;Yes`, at);
  return out.subarray(0, at);
}

/** A JSON text `depth` arrays deep. */
export const deepJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** An OCDS release of one tender with `count` requirements in one criterion. */
export function tenderWithRequirements(ocid: string, count: number): Record<string, unknown> {
  return {
    ocid,
    id: `${ocid}-1`,
    date: '2026-11-01T09:00:00Z',
    tag: ['tender'],
    initiationType: 'tender',
    tender: {
      id: 't1',
      title: `A tender with ${count} requirements`,
      tenderPeriod: { endDate: '2027-03-01T12:00:00Z' },
      criteria: [
        {
          id: 'c1',
          title: 'Technical',
          requirementGroups: [
            {
              id: 'g1',
              requirements: Array.from({ length: count }, (_, i) => ({
                id: `r${i + 1}`,
                title: `Requirement ${i + 1}`,
                dataType: 'boolean',
                expectedValue: true,
              })),
            },
          ],
        },
      ],
    },
  };
}
