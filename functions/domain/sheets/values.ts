import type { DataType } from '../checklist/types.ts';

/**
 * What a technical specification's «Значение показателя» (a matrix's "Required value") asks for, typed
 * so that the answer is checked the way an OCDS requirement's expectedValue / minValue / maxValue are:
 * «не менее 16 Гбайт» → at least 16 (unit Гбайт), «не более 8» → at most 8, «от 2 до 4» → 2 to 4,
 * «16» → exactly 16, «да» / «наличие» → yes, any other text → that text. Russian, Ukrainian and
 * English; a decimal comma and spaces between thousands are read as numbers.
 */
export interface RequiredValue {
  dataType: DataType;
  expectedValue: string | number | boolean | null;
  minValue: number | null;
  maxValue: number | null;
  /** the unit written after the number (e.g. «Гбайт» in «не менее 16 Гбайт»), when there is one */
  unit: string | null;
  /** why the value is not checked as strictly as it reads, when it is not */
  caveat: string | null;
}

/** A number as written in a sheet: 16, 23,8, 1 000, 1.5, −10, +40. */
const NUM = String.raw`[-+−]?\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|[-+−]?\d+(?:[.,]\d+)?`;
/** What may follow a number as its unit: a few words of letters, °, %, /, ², ³ and dots («Гбайт», «шт.», «°C», «кг/м³»); no digits («1920x1080» is not 1920 of «x1080»). */
const UNIT = String.raw`[\p{L}°%‰²³µ"'][\p{L}°%‰²³µ"'./ ]{0,24}`;

export function parseNumber(s: string): number | null {
  const t = s
    .trim()
    .replace(/[\u00a0\u202f ]/g, '')
    .replace('−', '-')
    .replace(',', '.');
  if (!/^[-+]?\d+(?:\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

const AT_LEAST = [
  'не менее',
  'не меньше',
  'не ниже',
  'не менше',
  'не нижче',
  'щонайменше',
  'как минимум',
  'минимум',
  'мінімум',
  'min',
  'min.',
  'minimum',
  'at least',
  'no less than',
  'not less than',
  'no fewer than',
  '≥',
  '>=',
];
const AT_MOST = [
  'не более',
  'не больше',
  'не выше',
  'не більше',
  'не вище',
  'не превышает',
  'максимум',
  'max',
  'max.',
  'maximum',
  'at most',
  'up to',
  'no more than',
  'not more than',
  'not exceeding',
  '≤',
  '<=',
  'до',
];
/** Strict bounds: an OCDS requirement's minValue and maxValue are inclusive, so these are not checked. */
const STRICT = [
  'более',
  'больше',
  'свыше',
  'менее',
  'меньше',
  'більше',
  'понад',
  'менше',
  'more than',
  'over',
  'less than',
  'under',
  'below',
  'above',
  '>',
  '<',
];
const OR_MORE = [
  'и более',
  'и выше',
  'или более',
  'і більше',
  'та більше',
  'або більше',
  'or more',
  'or higher',
  'or above',
  '+',
];
const OR_LESS = [
  'и менее',
  'и ниже',
  'или менее',
  'і менше',
  'та менше',
  'або менше',
  'or less',
  'or lower',
  'or below',
];
const YES = [
  'да',
  'есть',
  'наличие',
  'имеется',
  'требуется',
  'так',
  'наявність',
  'є',
  'yes',
  'y',
  'required',
  'present',
  'true',
];
const NO = [
  'нет',
  'отсутствие',
  'отсутствует',
  'не допускается',
  'ні',
  'відсутність',
  'відсутня',
  'не допускається',
  'no',
  'n',
  'none',
  'not allowed',
  'false',
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');

const numberWithUnit = `(${NUM})\\s*(${UNIT})?`;
const RE = {
  atLeast: new RegExp(`^(?:${alternatives(AT_LEAST)})\\s*:?\\s*${numberWithUnit}$`, 'iu'),
  atMost: new RegExp(`^(?:${alternatives(AT_MOST)})\\s*:?\\s*${numberWithUnit}$`, 'iu'),
  orMore: new RegExp(`^${numberWithUnit}?\\s*(?:${alternatives(OR_MORE)})\\s*(${UNIT})?$`, 'iu'),
  orLess: new RegExp(`^${numberWithUnit}?\\s*(?:${alternatives(OR_LESS)})\\s*(${UNIT})?$`, 'iu'),
  strict: new RegExp(`^(?:${alternatives(STRICT)})\\s*${numberWithUnit}$`, 'iu'),
  range: new RegExp(
    `^(?:от|від|from|between)?\\s*(${NUM})\\s*(${UNIT})?\\s*(?:до|по|to|and|и|і|-|–|—|\\.\\.\\.?|…)\\s*(${NUM})\\s*(${UNIT})?$`,
    'iu',
  ),
  from: new RegExp(`^(?:от|від|from)\\s+${numberWithUnit}$`, 'iu'),
  exact: new RegExp(`^${numberWithUnit}$`, 'iu'),
};

/** The unit as written, without surrounding spaces; null when there is none. */
const unitOf = (s: string | undefined) => {
  const u = (s ?? '').trim();
  return u === '' ? null : u;
};

/**
 * The required value of a row. `unitCell` (a «Единица измерения» column) wins over a unit written
 * after the number; `null` when the value cell is empty.
 */
export function readRequiredValue(valueCell: string, unitCell = ''): RequiredValue | null {
  const raw = valueCell.replace(/[\s\u00a0]+/g, ' ').trim();
  const columnUnit = unitOf(unitCell);
  if (raw === '') return null;
  const v = raw.replace(/\.$/, '');
  const typed = (
    min: number | null,
    max: number | null,
    expected: number | null,
    unit: string | undefined,
    caveat: string | null = null,
  ): RequiredValue => ({
    dataType: 'number',
    expectedValue: expected,
    minValue: min,
    maxValue: max,
    unit: columnUnit ?? unitOf(unit),
    caveat,
  });
  let m = RE.range.exec(v);
  if (m) {
    const [a, b] = [parseNumber(m[1] ?? ''), parseNumber(m[3] ?? '')];
    if (a !== null && b !== null && a <= b) return typed(a, b, null, m[4] ?? m[2]);
  }
  m = RE.atLeast.exec(v) ?? RE.from.exec(v);
  if (m) {
    const n = parseNumber(m[1] ?? '');
    if (n !== null) return typed(n, null, null, m[2]);
  }
  m = RE.atMost.exec(v);
  if (m) {
    const n = parseNumber(m[1] ?? '');
    if (n !== null) return typed(null, n, null, m[2]);
  }
  m = RE.orMore.exec(v);
  if (m?.[1]) {
    const n = parseNumber(m[1]);
    if (n !== null) return typed(n, null, null, m[3] ?? m[2]);
  }
  m = RE.orLess.exec(v);
  if (m?.[1]) {
    const n = parseNumber(m[1]);
    if (n !== null) return typed(null, n, null, m[3] ?? m[2]);
  }
  m = RE.strict.exec(v);
  if (m) {
    const n = parseNumber(m[1] ?? '');
    if (n !== null)
      return typed(
        null,
        null,
        null,
        m[2],
        `«${raw}» is a strict bound: the answer must be a number, the bound itself is checked in review`,
      );
  }
  m = RE.exact.exec(v);
  if (m) {
    const n = parseNumber(m[1] ?? '');
    if (n !== null) return typed(null, null, n, m[2]);
  }
  const both = bothBounds(v, columnUnit);
  if (both) return both;
  const word = v.toLowerCase();
  if (YES.includes(word)) return flag(true, columnUnit);
  if (NO.includes(word)) return flag(false, columnUnit);
  return {
    dataType: 'string',
    expectedValue: raw,
    minValue: null,
    maxValue: null,
    unit: columnUnit,
    caveat: null,
  };
}

/** «не менее 8 и не более 16», "at least 2, at most 4": a minimum and a maximum written as two bounds. */
function bothBounds(v: string, columnUnit: string | null): RequiredValue | null {
  // a comma between bounds is followed by a space; a decimal comma is not
  const parts = v.split(/\s*(?:[,;](?=\s)|\s(?:и|і|та|and)\s)\s*/iu);
  if (parts.length !== 2) return null;
  const [a, b] = parts.map((p) => readRequiredValue(p, columnUnit ?? ''));
  const lower = [a, b].find((x) => x?.minValue !== null && x?.maxValue === null);
  const upper = [a, b].find((x) => x?.maxValue !== null && x?.minValue === null);
  if (!lower || !upper || lower.caveat || upper.caveat) return null;
  const min = lower.minValue;
  const max = upper.maxValue;
  if (min === null || max === null || min > max) return null;
  return { ...lower, minValue: min, maxValue: max, unit: lower.unit ?? upper.unit };
}

const flag = (value: boolean, unit: string | null): RequiredValue => ({
  dataType: 'boolean',
  expectedValue: value,
  minValue: null,
  maxValue: null,
  unit,
  caveat: null,
});

/** Min / max columns: a number each (decimal comma allowed); undefined when the cell is not a number. */
export function readBoundCell(cell: string): number | null | undefined {
  const t = cell.trim();
  if (t === '') return null;
  return parseNumber(t) ?? undefined;
}
