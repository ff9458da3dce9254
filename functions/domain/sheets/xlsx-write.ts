import { ZipFile } from 'yazl';
import { columnLetter } from './header.ts';
import { neutralize } from './neutralize.ts';
import type { SheetTable } from './tables.ts';
import { xmlText } from './xml-text.ts';

/**
 * XLSX out, written as SpreadsheetML parts zipped with yazl (no spreadsheet library: exceljs alone
 * was 2 MB of every bundle that writes a matrix, and 1.5 s of its cold start). What we write is small
 * and fixed: text cells (shared strings), a bold header row, wrapped top-aligned data cells, column
 * widths, hidden columns, and per table optionally a frozen, filtered header and list dropdowns.
 */
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style indexes in styles.xml's cellXfs. */
const STYLE = { header: 1, data: 2 } as const;

/** ST_Xstring: text that looks like an `_xHHHH_` escape gets its underscore escaped, so readers show it as typed. */
const xstring = (s: string) => xmlText(s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));

const STYLES = `${XML_DECL}<styleSheet xmlns="${NS}">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;
  of(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
  xml(): string {
    const items = this.list.map((s) => `<si><t xml:space="preserve">${xstring(s)}</t></si>`).join('');
    return `${XML_DECL}<sst xmlns="${NS}" count="${this.count}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

function sheetXml(t: SheetTable<string>, strings: SharedStrings, first: boolean): string {
  const width = t.columns.length;
  const lastRow = t.rows.length + 1;
  const lastCol = columnLetter(Math.max(width, 1) - 1);
  const cell = (r: number, c: number, text: string, style: number) =>
    text === '' ? '' : `<c r="${columnLetter(c)}${r}" s="${style}" t="s"><v>${strings.of(text)}</v></c>`;
  const rows = [
    `<row r="1">${t.columns.map((c, i) => cell(1, i, neutralize(c.header), STYLE.header)).join('')}</row>`,
    ...t.rows.map(
      (row, n) =>
        `<row r="${n + 2}">${t.columns.map((c, i) => cell(n + 2, i, neutralize(row[c.key] ?? ''), STYLE.data)).join('')}</row>`,
    ),
  ];
  const pane = t.header
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    : '';
  const cols = t.columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.hidden ? ' hidden="1"' : ''}/>`,
    )
    .join('');
  const filter = t.header && width > 0 ? `<autoFilter ref="A1:${lastCol}${lastRow}"/>` : '';
  const lists = t.rows.length
    ? t.columns.flatMap((c, i) =>
        c.list
          ? [
              `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${columnLetter(i)}2:${columnLetter(i)}${lastRow}"><formula1>${xmlText(`"${c.list.join(',')}"`)}</formula1></dataValidation>`,
            ]
          : [],
      )
    : [];
  return [
    `${XML_DECL}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">`,
    `<dimension ref="A1:${lastCol}${lastRow}"/>`,
    `<sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    cols ? `<cols>${cols}</cols>` : '',
    `<sheetData>${rows.join('')}</sheetData>`,
    filter,
    lists.length ? `<dataValidations count="${lists.length}">${lists.join('')}</dataValidations>` : '',
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    '</worksheet>',
  ].join('');
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** An XLSX workbook of tables: every cell a plain (neutralised) text value, never a formula. */
export async function writeXlsx(tables: readonly SheetTable<string>[], now = new Date()): Promise<Buffer> {
  const strings = new SharedStrings();
  const sheets = tables.map((t, i) => sheetXml(t, strings, i === 0));
  const filters = tables.flatMap((t, i) =>
    t.header && t.columns.length > 0
      ? [
          `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(
            `${quoteSheet(t.name)}!$A$1:$${columnLetter(t.columns.length - 1)}$${t.rows.length + 1}`,
          )}</definedName>`,
        ]
      : [],
  );
  const workbook = [
    `${XML_DECL}<workbook xmlns="${NS}" xmlns:r="${REL_NS}">`,
    '<bookViews><workbookView activeTab="0"/></bookViews><sheets>',
    ...tables.map((t, i) => `<sheet name="${xmlText(t.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`),
    '</sheets>',
    filters.length ? `<definedNames>${filters.join('')}</definedNames>` : '',
    '</workbook>',
  ].join('');
  const n = tables.length;
  const workbookRels = [
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">`,
    ...tables.map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    ),
    `<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/>`,
    `<Relationship Id="rId${n + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`,
    '</Relationships>',
  ].join('');
  const contentTypes = [
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`,
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>`,
    ...tables.map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>`,
    ),
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>`,
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.spreadsheetml.sharedStrings+xml"/>`,
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>',
    '</Types>',
  ].join('');
  const rootRels = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
  const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Tenderflow</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified></cp:coreProperties>`;

  const zip = new ZipFile();
  const add = (name: string, xml: string) => {
    zip.addBuffer(Buffer.from(xml, 'utf8'), name, { mtime: now });
  };
  add('[Content_Types].xml', contentTypes);
  add('_rels/.rels', rootRels);
  add('docProps/core.xml', core);
  add('xl/workbook.xml', workbook);
  add('xl/_rels/workbook.xml.rels', workbookRels);
  add('xl/styles.xml', STYLES);
  for (const [i, xml] of sheets.entries()) add(`xl/worksheets/sheet${i + 1}.xml`, xml);
  add('xl/sharedStrings.xml', strings.xml());
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
