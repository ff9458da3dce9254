/**
 * Place names as published and as listed in the region tables are compared as sequences of normalised whole
 * tokens, both sides through the same function:
 * - case, accents and marks are dropped (NFKD): «й» = «и», «ё» = «е», «ї» = «і», "é" = "e";
 * - Ukrainian, Belarusian and Kazakh letters are folded onto the Russian ones they alternate with in the
 *   spellings of the same name («і»/«ы» → «и», «є»/«э» → «е», «ґ» → «г», «қ» → «к», «ө» → «о», …), soft
 *   and hard signs and apostrophes are dropped («Нар'ян-Мар» = «Нарьян-Мар»);
 * - hyphens, dots, commas and spaces separate tokens («Ямало-Ненецкий» = "ямало ненецкии");
 * - a Cyrillic token loses its inflectional ending («Новосибирской» = «Новосибірська» = «новосибирск»), so
 *   a name matches in any grammatical case and in either language without a substring race;
 * - administrative words («область», «край», «автономный округ», «г.», "oblast", "state", "provinsi"…) are
 *   dropped, so that a key never wins by the length of the words every region shares.
 */

const LETTERS: Record<string, string> = {
  і: 'и',
  ї: 'и',
  ы: 'и',
  є: 'е',
  э: 'е',
  ґ: 'г',
  ў: 'у',
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  ь: '',
  ъ: '',
  ł: 'l',
  đ: 'd',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
};
const FOLDED = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

/** Inflectional endings of Russian and Ukrainian nouns and adjectives, as they read after folding. */
const ENDINGS = [
  'ами',
  'ями',
  'ого',
  'его',
  'ому',
  'ему',
  'иеи',
  'ия',
  'ие',
  'ию',
  'ии',
  'ая',
  'яя',
  'ое',
  'ее',
  'ои',
  'еи',
  'ую',
  'юю',
  'им',
  'ом',
  'ем',
  'ах',
  'ях',
  'а',
  'я',
  'о',
  'е',
  'и',
  'у',
  'ю',
];
const CYRILLIC = /^[а-я]+$/;

/**
 * A Cyrillic token of four letters or more without its inflectional ending (at least two letters are
 * kept); shorter tokens are abbreviations («НАО», «ЕАО») or too short to tell.
 */
export function stem(token: string): string {
  if (token.length < 4 || !CYRILLIC.test(token)) return token;
  for (const ending of ENDINGS)
    if (token.endsWith(ending) && token.length - ending.length >= 2) return token.slice(0, -ending.length);
  return token;
}

/** Lower case, no marks, letters folded, split on anything that is not a letter or a digit. */
export function foldTokens(value: string): string[] {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’ʼ`´ʻ‘]/g, '')
    .replace(FOLDED, (c) => LETTERS[c] ?? c)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}

/** Words that name a kind of region or settlement, not a region: dropped from keys and input alike. */
const ADMINISTRATIVE = [
  // Russian and Ukrainian
  'область',
  'обл',
  'край',
  'республика',
  'респ',
  'автономный',
  'автономная',
  'автономний',
  'автономна',
  'округ',
  'ао',
  'г',
  'гор',
  'город',
  'м',
  'місто',
  'пгт',
  'на',
  'смт',
  'федерального',
  'значения',
  'значення',
  // Kazakh
  'облысы',
  'қаласы',
  'қ',
  // English, French, Spanish, Portuguese, Indonesian
  'oblast',
  'krai',
  'kray',
  'okrug',
  'autonomous',
  'republic',
  'respublika',
  'region',
  'state',
  'province',
  'of',
  'the',
  'and',
  'city',
  'provincia',
  'estado',
  'de',
  'do',
  'da',
  'dos',
  'das',
  'del',
  'et',
  'du',
  'provinsi',
  'prov',
];
const GENERIC = new Set(ADMINISTRATIVE.flatMap(foldTokens).map(stem));

/** The tokens a place name is compared by. */
export function placeTokens(value: string): string[] {
  return foldTokens(value)
    .map(stem)
    .filter((t) => !GENERIC.has(t));
}

/** The form a code is compared in ("D.C." = "DC", "ru-nvs" = "RU-NVS"). */
export const codeForm = (value: string): string =>
  value.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[\s.]/g, '');
