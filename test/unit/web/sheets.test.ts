import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as schemas from '../../../functions/api/schemas/sheets.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../../../functions/lib/http.ts';
import { fieldErrors } from '../../../functions/lib/validate.ts';
import {
  checkMapping,
  fileNameOf,
  fitsInline,
  mappingFieldErrors,
  SHEET_FIELDS,
  type SheetField,
} from '../../../web/src/screens/sheets/mapping.ts';

const letter = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[A-Za-z]{1,2}$/),
  fc.stringMatching(/^[A-Za-z0-9]{1,3}$/),
);
const headerRow = fc.oneof(
  fc.integer({ min: -5, max: 1100 }).map(String),
  fc.constantFrom('', 'x', '1.5', '07'),
);
const lettersArb = fc.record({
  text: letter,
  reference: letter,
  mandatory: letter,
  category: letter,
  lot: letter,
  answerType: letter,
  value: letter,
  unit: letter,
  minValue: letter,
  maxValue: letter,
});

/** What the user typed, sent as is (empty letters left out): what the API would say of it. */
const apiAccepts = (row: string, letters: Record<SheetField, string>) =>
  schemas.ColumnMappingInput.safeParse({
    headerRow: Number(row),
    columns: Object.fromEntries(Object.entries(letters).filter(([, v]) => v !== '')),
  }).success;

describe('the spreadsheet screens check what the API checks', () => {
  it('the mapping form accepts exactly the mappings the API accepts, and sends one it accepts', () => {
    fc.assert(
      fc.property(headerRow, lettersArb, (row, letters) => {
        const checked = checkMapping(row, letters);
        expect('mapping' in checked).toBe(apiAccepts(row, letters));
        if ('mapping' in checked)
          expect(schemas.ColumnMappingInput.safeParse(checked.mapping).success).toBe(true);
      }),
    );
  });

  it("the API's own field errors on a mapping land beside the inputs they name", () => {
    const parsed = schemas.ImportRequirementsBody.safeParse({
      file: { fileName: 'reqs.csv', content: 'YQ==' },
      mapping: { headerRow: 0, columns: { text: '1', lot: 'ABC' } },
    });
    expect(parsed.success).toBe(false);
    const shown = mappingFieldErrors(parsed.success ? [] : fieldErrors(parsed.error.issues));
    expect(Object.keys(shown).sort()).toEqual(['headerRow', 'lot', 'text']);
    expect(shown.text).toBe('a column letter, A to ZZ');
  });

  it('a file goes inline only while its base64 body fits the 1 MiB body limit; 1 MB and over go by presigned upload', () => {
    const longest = JSON.stringify({
      file: { fileName: 'x'.repeat(255), content: '' },
      sheet: 'y'.repeat(100),
      mapping: {
        headerRow: 1000,
        columns: Object.fromEntries(SHEET_FIELDS.map((f) => [f, 'ZZ'])),
      },
    }).length;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 * 1024 * 1024 }), (bytes) => {
        if (fitsInline(bytes))
          expect(longest + Math.ceil(bytes / 3) * 4).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES);
      }),
    );
    expect(fitsInline(700 * 1024)).toBe(true);
    expect(fitsInline(1_000_000)).toBe(false);
  });

  it('the downloaded matrix is named as the API names it (Content-Disposition)', () => {
    expect(fileNameOf('attachment; filename="compliance-matrix-T1.xlsx"', 'x')).toBe(
      'compliance-matrix-T1.xlsx',
    );
    expect(fileNameOf("attachment; filename*=UTF-8''matrice%20%C3%A9t%C3%A9.csv", 'x')).toBe(
      'matrice été.csv',
    );
    // cross-origin without the header exposed: the name the API would give
    expect(fileNameOf(null, 'compliance-matrix-T1.csv')).toBe('compliance-matrix-T1.csv');
  });
});
