import type { Category, DataType } from '../checklist/types.ts';

/** What a buyer's requirement list may say about each requirement: the columns we map. */
export const SHEET_FIELDS = [
  'reference',
  'text',
  'mandatory',
  'category',
  'lot',
  'answerType',
  'value',
  'unit',
  'minValue',
  'maxValue',
] as const;
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
    'requirement no',
    'requirement number',
    'requirement ref',
    'requirement reference',
    'req id',
    'req no',
    'req #',
    'req ref',
    'req',
    'ref #',
    'ref id',
    'line no',
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
    'technical requirements',
    'functional requirement',
    'requirement detail',
    'requirement details',
    'requirement statement',
    'specification requirement',
    'minimum requirement',
    'minimum requirements',
    'criterion',
    'question',
    'требование',
    'требования',
    'текст требования',
    'наименование требования',
    'содержание требования',
    'описание требования',
    'техническое требование',
    'описание',
    'наименование показателя',
    'наименование показателя (характеристики)',
    'наименование характеристики',
    'показатель',
    'характеристика',
    'вимога',
    'вимоги',
    'текст вимоги',
    'зміст вимоги',
    'опис вимоги',
    'найменування вимоги',
    'опис',
    'найменування показника',
    'найменування показника (характеристики)',
    'найменування характеристики',
    'показник',
  ],
  mandatory: [
    'mandatory',
    'required',
    'obligatory',
    'mandatory/optional',
    'm/o',
    'mandatory (y/n)',
    'mandatory/desirable',
    'mandatory / desirable',
    'mandatory or desirable',
    'mandatory/optional',
    'm/o/d',
    'm/d',
    'm/d/o',
    'm / d',
    'priority',
    'moscow',
    'requirement level',
    'requirement type (m/d)',
    'obligation',
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
    'обязательность требования',
    'обязательность/желательность',
    "обов'язковість вимоги",
    "обов'язково/бажано",
  ],
  category: [
    'category',
    'requirement category',
    'type of requirement',
    'requirement type',
    'group',
    'section',
    'area',
    'раздел',
    'розділ',
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
  value: [
    'value',
    'required value',
    'expected value',
    'target value',
    'requirement value',
    'specification value',
    'значение',
    'значение показателя',
    'значения показателя',
    'значение показателя (характеристики)',
    'значение характеристики',
    'требуемое значение',
    'требуемое значение показателя',
    'требования к значению показателя',
    'требования к значениям показателей',
    'значення',
    'значення показника',
    'значення показника (характеристики)',
    'значення характеристики',
    'необхідне значення',
    'вимоги до значення показника',
  ],
  unit: [
    'unit',
    'units',
    'unit of measure',
    'unit of measurement',
    'uom',
    'unit (uom)',
    'единица измерения',
    'единица измерения показателя',
    'единицы измерения',
    'ед изм',
    'ед измерения',
    'одиниця виміру',
    'одиниця вимірювання',
    'одиниці виміру',
    'од виміру',
  ],
  minValue: [
    'min',
    'minimum',
    'min value',
    'minimum value',
    'минимальное значение',
    'минимальное значение показателя',
    'минимальное',
    'мінімальне',
    'мінімальне значення',
    'мінімальне значення показника',
  ],
  maxValue: [
    'max',
    'maximum',
    'max value',
    'maximum value',
    'максимальное значение',
    'максимальное значение показателя',
    'максимальное',
    'максимальне',
    'максимальне значення',
    'максимальне значення показника',
  ],
};

/**
 * Columns the supplier fills in (a compliance matrix's response, compliance and comments; a 44-FZ
 * table's «Значение показателя, предлагаемое участником»): recognised so they are never taken for a
 * field, and not imported (the answers are given in the checklist).
 */
const SUPPLIER_COLUMNS = [
  'response',
  'supplier response',
  'bidder response',
  'tenderer response',
  'vendor response',
  'your response',
  'response (y/n)',
  'compliance',
  'compliant',
  'compliant (y/n)',
  'compliance (y/n)',
  'compliance (y/n/p)',
  'compliance (full/partial/no)',
  'comply',
  'comply (y/n)',
  'compliance level',
  'comments',
  'comment',
  'supplier comments',
  'bidder comments',
  'supplier comment',
  'remarks',
  'supplier remarks',
  'response reference',
  'evidence reference',
  'ответ участника',
  'ответ участника закупки',
  'предложение участника',
  'предложение участника закупки',
  'значение показателя, предлагаемое участником',
  'значение показателя, предлагаемое участником закупки',
  'значение, предлагаемое участником',
  'значение, предлагаемое участником закупки',
  'конкретное значение показателя',
  'комментарий',
  'комментарий участника',
  'соответствие',
  'відповідь учасника',
  'пропозиція учасника',
  'значення показника, запропоноване учасником',
  'значення, запропоноване учасником',
  'коментар',
  'коментар учасника',
  'відповідність',
];

/** Lower case, one kind of apostrophe, dots as spaces («Ед.изм.», "Req. ID"), no trailing colon or asterisk, single spaces. */
export const normalizeHeader = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[’ʼ`]/g, "'")
    .replace(/\./g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/[:*]+$/u, '')
    .trim();

const NORMALIZED = Object.fromEntries(
  Object.entries(SYNONYMS).map(([f, names]) => [f, names.map(normalizeHeader)]),
) as Record<SheetField, string[]>;

const SUPPLIER = SUPPLIER_COLUMNS.map(normalizeHeader);

function scoreAgainst(header: string, names: readonly string[]): number {
  const h = normalizeHeader(header);
  if (h === '') return 0;
  if (names.includes(h)) return 1;
  const words = ` ${h.replace(/[()/,;]/g, ' ')} `;
  return names.some((n) => n.length >= 4 && words.includes(` ${n.replace(/[()/,;]/g, ' ')} `)) ? 0.6 : 0;
}

/** How well a header names a field: 1 exact, 0.6 contains a name of 4+ characters as a word, 0 not at all. */
export const headerScore = (header: string, field: SheetField): number =>
  scoreAgainst(header, NORMALIZED[field]);

/** How well a header names a column the supplier fills in (response, compliance, comments), scored as headerScore. */
export const supplierColumnScore = (header: string): number => scoreAgainst(header, SUPPLIER);

const YES = [
  'yes',
  'y',
  'true',
  '1',
  'm',
  'mandatory',
  'mand',
  'required',
  'must',
  'must have',
  'essential',
  '+',
  'да',
  'д',
  'обязательно',
  'обязательное',
  'обязательный',
  'обязательная',
  'так',
  'т',
  "обов'язково",
  "обов'язкова",
  "обов'язковий",
];
const NO = [
  'no',
  'n',
  'false',
  '0',
  'o',
  'opt',
  'optional',
  'd',
  'des',
  'desirable',
  'desired',
  'should',
  'should have',
  'could',
  'could have',
  'nice to have',
  'may',
  'not mandatory',
  'non-mandatory',
  'not required',
  'нет',
  'н',
  'необязательно',
  'необязательное',
  'необязательный',
  'не обязательно',
  'желательно',
  'желательное',
  'желательный',
  'ні',
  "необов'язково",
  "необов'язкова",
  "не обов'язково",
  'бажано',
  'бажана',
  'бажаний',
];

/**
 * A mandatory cell: yes/no, M/D/O (mandatory, desirable, optional), MoSCoW, in three languages; a
 * code with its explanation ("D - Desirable", "M (Mandatory)") is read by its first word. Empty is
 * mandatory (as intake reads an OCDS requirement).
 */
export function readMandatory(cell: string): boolean | undefined {
  const v = normalizeHeader(cell);
  if (v === '') return true;
  const known = (s: string) => (YES.includes(s) ? true : NO.includes(s) ? false : undefined);
  const whole = known(v);
  if (whole !== undefined) return whole;
  const parts = v.split(/[\s,;()/:–—-]+/u).filter(Boolean);
  const first = parts[0] === undefined ? undefined : known(parts[0]);
  // "M / D" or "Yes / No" as a value is the header's legend copied down, not an answer
  return first !== undefined && parts.slice(1).every((p) => known(p) !== !first) ? first : undefined;
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
