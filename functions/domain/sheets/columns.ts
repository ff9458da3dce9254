import type { Category, DataType } from '../checklist/types.ts';

/** What a buyer's requirement list may say about each requirement: the columns we map. */
export const SHEET_FIELDS = ['reference', 'text', 'mandatory', 'category', 'lot', 'answerType'] as const;
export type SheetField = (typeof SHEET_FIELDS)[number];

/**
 * Header names in English, Russian and Ukrainian, normalised (see `normalizeHeader`). An exact match
 * is certain; a header that contains one of these words is a weaker candidate.
 */
const SYNONYMS: Record<SheetField, readonly string[]> = {
  reference: [
    'ref',
    'reference',
    'ref no',
    'reference no',
    'no',
    '#',
    'id',
    'item no',
    'requirement id',
    'clause',
    'clause no',
    'number',
    '№',
    '№ п/п',
    'п/п',
    'номер',
    'пункт',
    'номер пункта',
    '№ пункта',
    'код',
    'номер требования',
    '№ з/п',
    'з/п',
    'номер вимоги',
    'пункт вимоги',
  ],
  text: [
    'requirement',
    'requirements',
    'requirement text',
    'requirement description',
    'description',
    'specification',
    'technical requirement',
    'требование',
    'требования',
    'текст требования',
    'наименование требования',
    'содержание требования',
    'описание требования',
    'техническое требование',
    'описание',
    'наименование показателя',
    'вимога',
    'вимоги',
    'текст вимоги',
    'зміст вимоги',
    'опис вимоги',
    'найменування вимоги',
    'опис',
  ],
  mandatory: [
    'mandatory',
    'required',
    'obligatory',
    'mandatory/optional',
    'm/o',
    'mandatory (y/n)',
    'must',
    'обязательное',
    'обязательно',
    'обязательность',
    'обязательный',
    'обязательное требование',
    "обов'язкова",
    "обов'язково",
    "обов'язковість",
    "обов'язкова вимога",
  ],
  category: [
    'category',
    'requirement category',
    'type of requirement',
    'requirement type',
    'group',
    'категория',
    'категория требования',
    'вид требования',
    'тип требования',
    'категорія',
    'категорія вимоги',
    'вид вимоги',
    'тип вимоги',
  ],
  lot: ['lot', 'lot no', 'lot number', 'лот', 'номер лота', '№ лота', 'номер лоту', '№ лоту'],
  answerType: [
    'answer type',
    'expected answer',
    'expected answer type',
    'response type',
    'response format',
    'expected response',
    'ожидаемый ответ',
    'тип ответа',
    'форма ответа',
    'формат ответа',
    'очікувана відповідь',
    'тип відповіді',
    'форма відповіді',
    'формат відповіді',
  ],
};

/** Lower case, one kind of apostrophe, no trailing colon or asterisk, single spaces. */
export const normalizeHeader = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[’ʼ`]/g, "'")
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[:*.]+$/u, '')
    .trim();

const NORMALIZED = Object.fromEntries(
  Object.entries(SYNONYMS).map(([f, names]) => [f, names.map(normalizeHeader)]),
) as Record<SheetField, string[]>;

/** How well a header names a field: 1 exact, 0.6 contains a name of 4+ characters as a word, 0 not at all. */
export function headerScore(header: string, field: SheetField): number {
  const h = normalizeHeader(header);
  if (h === '') return 0;
  const names = NORMALIZED[field];
  if (names.includes(h)) return 1;
  const words = ` ${h.replace(/[()/,;]/g, ' ')} `;
  return names.some((n) => n.length >= 4 && words.includes(` ${n} `)) ? 0.6 : 0;
}

const YES = [
  'yes',
  'y',
  'true',
  '1',
  'm',
  'mandatory',
  'required',
  'must',
  '+',
  'да',
  'д',
  'обязательно',
  'обязательное',
  'обязательный',
  'так',
  'т',
  "обов'язково",
  "обов'язкова",
];
const NO = [
  'no',
  'n',
  'false',
  '0',
  'o',
  'optional',
  'desirable',
  'should',
  'may',
  'нет',
  'н',
  'необязательно',
  'необязательное',
  'желательно',
  'ні',
  "необов'язково",
  "необов'язкова",
  'бажано',
];

/** A mandatory cell: yes/no in three languages; empty is mandatory (as intake reads an OCDS requirement). */
export function readMandatory(cell: string): boolean | undefined {
  const v = normalizeHeader(cell);
  if (v === '') return true;
  if (YES.includes(v)) return true;
  if (NO.includes(v)) return false;
  return undefined;
}

/** The checklist category a category cell names, by its stem in English, Russian or Ukrainian. */
export function readCategory(cell: string): Category {
  const v = cell.toLowerCase();
  if (/guarant|security|обеспеч|гарант|забезпеч/.test(v)) return 'guarantee';
  if (/exclu|исключ|виключ|відсутн|отсутств/.test(v)) return 'exclusion';
  if (/econom|financ|финанс|фінанс|эконом|економ/.test(v)) return 'selection-economic';
  if (/techn|profes|qualif|experien|техн|квалиф|кваліф|опыт|досвід|профес/.test(v))
    return 'selection-technical';
  return 'other';
}

/** What the expected answer type says: the requirement's data type, and whether a document is the answer. */
export function readAnswerType(cell: string): { dataType: DataType | null; document: boolean } | undefined {
  const v = cell.toLowerCase().trim();
  if (v === '') return { dataType: null, document: false };
  if (/yes\s*\/\s*no|boolean|да\s*\/\s*нет|так\s*\/\s*ні/.test(v))
    return { dataType: 'boolean', document: false };
  if (/integer|whole|целое|ціле/.test(v)) return { dataType: 'integer', document: false };
  if (/number|numeric|amount|числ|кількість|количество|сумма|сума/.test(v))
    return { dataType: 'number', document: false };
  if (/date|дата/.test(v)) return { dataType: 'date-time', document: false };
  if (
    /document|file|certificate|copy|документ|файл|копия|копія|сертифікат|сертификат|справка|довідка/.test(v)
  )
    return { dataType: null, document: true };
  if (/text|string|free|description|текст|описание|опис|строка|рядок/.test(v))
    return { dataType: 'string', document: false };
  return undefined;
}
