import chardet from 'chardet';
import type { Warning } from './tender.ts';

/**
 * Documents arrive in the bytes their publisher used: UTF-8 mostly, but ISO-8859-1 and
 * Windows-1251/1252 are common in Latin American and Russian publications. Decode them to text
 * without ever turning a character into U+FFFD silently: a BOM wins, then a charset the sender
 * declared, then UTF-16 by its zero bytes, then valid UTF-8, then the 8-bit charset whose reading is the
 * most plausible text in the document's language (detect); anything not UTF-8 is named in a warning.
 */
export interface DecodedText {
  text: string;
  /** the encoding the bytes were read in, lower case (`utf-8`, `iso-8859-1`, `windows-1251`, …) */
  encoding: string;
  /** set when the document was not UTF-8 (or its encoding was guessed) */
  warning?: Warning;
}

const BOMS: [Uint8Array, string][] = [
  [Uint8Array.of(0xef, 0xbb, 0xbf), 'utf-8'],
  [Uint8Array.of(0xff, 0xfe), 'utf-16le'],
  [Uint8Array.of(0xfe, 0xff), 'utf-16be'],
];

const UTF8 = new Set(['utf-8', 'utf8']);
/** how many bytes of non-ASCII strings detection reads */
const DETECTION_SAMPLE_BYTES = 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The decoders are the platform's (TextDecoder: the WHATWG Encoding Standard's charsets and labels), so
 * no codec tables ride in the bundle; a byte a charset leaves undefined reads as its C1 control, never U+FFFD.
 * A decoder for a charset name or label, or undefined when the platform knows no such charset.
 */
function decoderFor(encoding: string): { decode(input: Uint8Array): string } | undefined {
  try {
    return new TextDecoder(encoding);
  } catch {
    return undefined;
  }
}

const decode = (bytes: Uint8Array, encoding: string): string =>
  (decoderFor(encoding) ?? strictUtf8).decode(bytes);

function validUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Detection reads only the JSON strings that hold non-ASCII bytes: in a tender the keys and most
 * values are ASCII, which drowns the signal (a Windows-1251 Prozorro tender whole reads as 1252).
 */
function nonAsciiStrings(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  const QUOTE = 0x22;
  let i = 0;
  while (i < bytes.length && out.length < DETECTION_SAMPLE_BYTES) {
    if ((bytes[i] as number) < 0x80) {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && bytes[start - 1] !== QUOTE) start--;
    let end = i;
    while (end < bytes.length && bytes[end] !== QUOTE) end++;
    for (let k = start; k < end; k++) out.push(bytes[k] as number);
    out.push(0x20);
    i = end + 1;
  }
  return Uint8Array.from(out);
}

/** ISO-8859-1 is read as Windows-1252 (as browsers do): 0x80–0x9F are printable there, never C1 controls. */
const READ_AS: Record<string, string> = { 'iso-8859-1': 'windows-1252' };

const startsWith = (bytes: Uint8Array, prefix: Uint8Array) =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** The charset parameter of a Content-Type header, lower case, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

const transcoded = (encoding: string, how: string): Warning => ({
  path: '',
  message: `the document is encoded in ${encoding.toUpperCase()}, not UTF-8 (${how}); it was transcoded to UTF-8 and stored as sent`,
});

/** A language's letters beyond ASCII (lower case), and for Cyrillic ones how common each is (per mille). */
interface Profile {
  name: string;
  letters: string;
  frequency?: Record<string, number>;
  /** the most common letter pairs */
  bigrams?: Set<string>;
}

/** The commonest letter pairs of Russian and Ukrainian text (national corpora counts, rounded to a list). */
const CYRILLIC_BIGRAMS = new Set(
  (
    'ст но то на ен ов ни ра во ко ал ре пр ли ер по ос ол ет та ан ка не ро ва ор ом ес ть ла ел ак ин ат ит ' +
    'ог им од ск ци ия ав ой ый ий ых ие ую ле ка ри де ве ор ны ви ти ди ні ві ці ті ли ми ля ня ку ду ' +
    'ся ем ам об от до за ус ча че чи ще ши жи ме ма мо му да ду ту ты ры вы ды'
  ).split(' '),
);

const RUSSIAN_FREQUENCY: Record<string, number> = {
  о: 110,
  е: 85,
  а: 80,
  и: 74,
  н: 67,
  т: 63,
  с: 55,
  р: 47,
  в: 45,
  л: 44,
  к: 35,
  м: 32,
  д: 30,
  п: 28,
  у: 26,
  я: 20,
  ы: 19,
  ь: 17,
  г: 17,
  з: 17,
  б: 16,
  ч: 14,
  й: 12,
  х: 10,
  ж: 9,
  ш: 7,
  ю: 6,
  ц: 5,
  щ: 4,
  э: 3,
  ф: 3,
  ъ: 0.4,
  ё: 0.4,
};
const UKRAINIAN_FREQUENCY: Record<string, number> = {
  ...RUSSIAN_FREQUENCY,
  и: 61,
  е: 48,
  і: 58,
  ї: 8,
  є: 7,
  ґ: 1,
  ы: 0,
  э: 0,
  ъ: 0,
  ё: 0,
};

/**
 * The languages documents arrive in, by their letters beyond ASCII (ISO 639-1 codes; Serbian, Bosnian and
 * Montenegrin Latin share Croatian's). Cyrillic ones also weigh each letter by how common it is, which tells
 * Windows-1251 from KOI8-R: both read Cyrillic bytes as Cyrillic letters, but not the same ones.
 */
const PROFILES: Record<string, Profile> = {
  ru: {
    name: 'Russian',
    letters: 'абвгдежзийклмнопрстуфхцчшщъыьэюяё',
    frequency: RUSSIAN_FREQUENCY,
    bigrams: CYRILLIC_BIGRAMS,
  },
  uk: {
    name: 'Ukrainian',
    letters: 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя',
    frequency: UKRAINIAN_FREQUENCY,
    bigrams: CYRILLIC_BIGRAMS,
  },
  be: { name: 'Belarusian', letters: 'абвгдеёжзійклмнопрстуўфхцчшыьэюя', frequency: RUSSIAN_FREQUENCY },
  kk: { name: 'Kazakh', letters: 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі', frequency: RUSSIAN_FREQUENCY },
  bg: { name: 'Bulgarian', letters: 'абвгдежзийклмнопрстуфхцчшщъьюя', frequency: RUSSIAN_FREQUENCY },
  sr: { name: 'Serbian', letters: 'абвгдђежзијклљмнњопрстћуфхцчџш', frequency: RUSSIAN_FREQUENCY },
  mk: { name: 'Macedonian', letters: 'абвгдѓежзѕијклљмнњопрстќуфхцчџш', frequency: RUSSIAN_FREQUENCY },
  pl: { name: 'Polish', letters: 'ąćęłńóśźż' },
  cs: { name: 'Czech', letters: 'áčďéěíňóřšťúůýž' },
  sk: { name: 'Slovak', letters: 'áäčďéíĺľňóôŕšťúýž' },
  hu: { name: 'Hungarian', letters: 'áéíóöőúüű' },
  ro: { name: 'Romanian', letters: 'ăâîșțşţ' },
  hr: { name: 'Croatian', letters: 'čćđšž' },
  sl: { name: 'Slovenian', letters: 'čšž' },
  de: { name: 'German', letters: 'äöüß' },
  fr: { name: 'French', letters: 'àâæçéèêëîïôœùûüÿ' },
  es: { name: 'Spanish', letters: 'áéíñóúü' },
  pt: { name: 'Portuguese', letters: 'áâãàçéêíóôõú' },
  it: { name: 'Italian', letters: 'àèéìíîòóùú' },
  ca: { name: 'Catalan', letters: 'àçèéíïòóúü' },
  nl: { name: 'Dutch', letters: 'éëïóöü' },
  lt: { name: 'Lithuanian', letters: 'ąčęėįšųūž' },
  lv: { name: 'Latvian', letters: 'āčēģīķļņšūž' },
  et: { name: 'Estonian', letters: 'äõöüšž' },
  tr: { name: 'Turkish', letters: 'çğıöşüâî' },
  sv: { name: 'Swedish', letters: 'åäöé' },
  da: { name: 'Danish', letters: 'æøåé' },
  no: { name: 'Norwegian', letters: 'æøåé' },
  fi: { name: 'Finnish', letters: 'äöåšž' },
};
const PROFILE_OF: Record<string, string> = { bs: 'hr', me: 'hr', nb: 'no', nn: 'no', ky: 'kk', tg: 'ru' };

/** The 8-bit encodings publishers of these languages use, tried when the bytes are not UTF-8. */
const CANDIDATES = [
  'windows-1251',
  'koi8-r',
  'koi8-u',
  'ibm866',
  'iso-8859-5',
  'windows-1250',
  'iso-8859-2',
  'iso-8859-1',
  'windows-1252',
  'iso-8859-15',
  'windows-1257',
  'iso-8859-13',
  'windows-1254',
  'x-mac-cyrillic',
];

/** Typographic signs that a document may well hold; any other symbol beyond ASCII counts against a reading. */
const TYPOGRAPHIC = new Set('«»„“”‘’‚–—…№°€§•·\u00a0±×');

/** What of a decoded text its plausibility in each language is computed from. */
interface Reading {
  /** the letters beyond ASCII, lower case, and how often each occurs */
  letters: Map<string, number>;
  /** what counts against the reading whatever the language */
  penalty: number;
  /** how many common Cyrillic letter pairs it holds */
  bigrams: number;
}

/**
 * Read a decoded text once: a symbol beyond ASCII, a control character or U+FFFD counts against it, and so
 * does a word that turns from lower to upper case inside or mixes Latin and Cyrillic letters (what Windows-1251
 * read as KOI8-R, or Windows-1250 as Windows-1252, looks like: «аДМИНИСТРАЦИЯ», "£ódŸ").
 */
function read(text: string): Reading {
  const letters = new Map<string, number>();
  let penalty = 0;
  let bigrams = 0;
  for (const word of text.split(/[^\p{L}\p{M}'’]+/u)) {
    if (!/[^\p{ASCII}]/u.test(word)) continue;
    let previousLower = false;
    let previous = '';
    for (const ch of word) {
      const lower = ch.toLowerCase();
      const isUpper = ch !== lower;
      if (previousLower && isUpper) penalty -= 3;
      previousLower = !isUpper && ch !== ch.toUpperCase();
      if (CYRILLIC_BIGRAMS.has(previous + lower)) bigrams++;
      previous = lower;
      if (ch.charCodeAt(0) >= 0x80) letters.set(lower, (letters.get(lower) ?? 0) + 1);
    }
    if (/[a-z]/i.test(word) && /\p{Script=Cyrillic}/u.test(word)) penalty -= 3;
  }
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80 || /[\p{L}\p{M}\s]/u.test(ch)) continue;
    if (ch === '\ufffd' || code < 0xa0) penalty -= 20;
    else if (!TYPOGRAPHIC.has(ch)) penalty -= 4;
  }
  return { letters, penalty, bigrams };
}

/**
 * How plausible a reading is in a language: each letter beyond ASCII that the language has scores (by how
 * common it is, for Cyrillic), each it lacks scores against, and common letter pairs add.
 */
function plausibility(reading: Reading, profile: Profile): number {
  let score = reading.penalty + (profile.bigrams ? reading.bigrams : 0);
  for (const [letter, count] of reading.letters) {
    if (!profile.letters.includes(letter)) score -= 4 * count;
    else if (profile.frequency)
      score += count * Math.max(Math.log((profile.frequency[letter] ?? 0) / 10) + 1, 0.3);
    else score += 2 * count;
  }
  return score;
}

/** The languages a document says it is in (`"language": "ru"`, Prozorro's Ukrainian identifiers), if any. */
function languagesOf(bytes: Uint8Array): string[] {
  const head = Buffer.from(bytes.subarray(0, 256 * 1024)).toString('latin1');
  const found = [...head.matchAll(/"language"\s*:\s*"([A-Za-z]{2})(?:[-_][A-Za-z]+)?"/g)].map((m) =>
    (m[1] as string).toLowerCase(),
  );
  if (/"(?:UA-EDR|tenderID"\s*:\s*"UA-)/.test(head)) found.push('uk');
  return [...new Set(found)];
}

/** how many bytes of non-ASCII strings the candidates are scored on */
const SCORING_SAMPLE_BYTES = 16 * 1024;

export interface DecodeHints {
  /** ISO 639-1 codes of the languages the document is expected in (the tender's, the buyer country's) */
  languages?: readonly string[];
}

/**
 * The 8-bit encoding whose reading of the document's non-ASCII strings is most plausible text in the
 * document's languages (or, not knowing them, in any language served), and that language. Detection's
 * (chardet's) guesses are tried first and win ties; its first guess alone misreads short texts
 * («Администрация г. Омска» as ISO-8859-8, «Київ» as Big5).
 */
function detect(bytes: Uint8Array, hints: DecodeHints): { encoding: string; language?: string } {
  const sample = nonAsciiStrings(bytes);
  const guesses = (chardet.analyse(sample) ?? [])
    .map((m) => m.name.toLowerCase())
    .filter(
      (name) =>
        !UTF8.has(name) &&
        decoderFor(name) !== undefined &&
        !/^(utf|ascii|big5|gb|euc|shift|iso-2022)/.test(name),
    );
  const candidates = [...new Set([...guesses, ...CANDIDATES])].filter(
    (name) => decoderFor(name) !== undefined,
  );
  const scored = sample.subarray(0, SCORING_SAMPLE_BYTES);
  const expected = [...(hints.languages ?? []), ...languagesOf(bytes)]
    .map((l) => l.toLowerCase().slice(0, 2))
    .map((l) => PROFILE_OF[l] ?? l)
    .filter((l) => PROFILES[l] !== undefined);
  // a language the document is expected in is preferred by a margin that grows with the text
  const preference = 2 + scored.length / 20;
  let best: { encoding: string; language?: string; score: number } | undefined;
  for (const encoding of candidates) {
    const reading = read(decode(scored, encoding));
    for (const [code, profile] of Object.entries(PROFILES)) {
      const score = plausibility(reading, profile) + (expected.includes(code) ? preference : 0);
      if (!best || score > best.score) best = { encoding, language: profile.name, score };
    }
  }
  return best
    ? { encoding: best.encoding, language: best.language }
    : { encoding: guesses[0] ?? 'windows-1252' };
}

/** UTF-16 without a byte order mark: JSON's ASCII then has a zero byte in every other place. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(Math.floor(bytes.length / 2), 4096);
  if (pairs < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZero++;
    if (bytes[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * Bytes → text. `declared` is the charset the sender named (Content-Type), if any; an unknown
 * declared charset is ignored. `hints` name the languages the document is expected in (it is also read
 * for a `"language"` of its own). Throws nothing: undecodable input falls back to detection.
 */
export function decodeDocument(bytes: Uint8Array, declared?: string, hints: DecodeHints = {}): DecodedText {
  for (const [bom, encoding] of BOMS) {
    if (!startsWith(bytes, bom)) continue;
    const text = decode(bytes.subarray(bom.length), encoding);
    return encoding === 'utf-8'
      ? { text, encoding }
      : { text, encoding, warning: transcoded(encoding, 'byte order mark') };
  }
  const named = declared?.toLowerCase();
  if (named !== undefined && !UTF8.has(named) && decoderFor(named) !== undefined)
    return {
      text: decode(bytes, READ_AS[named] ?? named),
      encoding: named,
      warning: transcoded(named, 'declared charset'),
    };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16)
    return {
      text: decode(bytes, utf16),
      encoding: utf16,
      warning: transcoded(utf16, 'detected, without a byte order mark'),
    };
  const utf8 = validUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  // The bytes are not UTF-8: an 8-bit charset, chosen by the plausibility of what it reads.
  const { encoding, language } = detect(bytes, hints);
  const how = language ? `detected: it reads as ${language} text` : 'detected';
  return {
    text: decode(bytes, READ_AS[encoding] ?? encoding),
    encoding,
    warning: transcoded(
      encoding,
      named !== undefined && UTF8.has(named) ? `declared UTF-8, but the bytes are not; ${how}` : how,
    ),
  };
}
