/**
 * The buyer's country as published, in whatever language or code: ISO 3166-1 alpha-2 and alpha-3 codes
 * and the country names (official and common) of the locales below, from the maintained
 * i18n-iso-countries data, and the official long forms it lacks (data/official-country-names.json, UN and
 * constitutional names: «Республика Казахстан», "Estados Unidos Mexicanos", "Viet Nam"). Matching is
 * trimmed, case-insensitive and ignores accents and punctuation ("México" = "Mexico", " United Kingdom" =
 * "United Kingdom", "U.S.A." = "USA"); a generic state word around a known name is read past
 * ("Republic of Paraguay", «Кыргыз Республикасы»).
 *
 * The locales are the languages public buyers publish in (Europe, the CIS, the Americas, the Middle and
 * Far East): all 78 would add ~0.7 MB to the import bundles for languages no procurement portal uses.
 */
import * as isoCountries from 'i18n-iso-countries/index.js';
import ar from 'i18n-iso-countries/langs/ar.json' with { type: 'json' };
import az from 'i18n-iso-countries/langs/az.json' with { type: 'json' };
import be from 'i18n-iso-countries/langs/be.json' with { type: 'json' };
import bg from 'i18n-iso-countries/langs/bg.json' with { type: 'json' };
import bs from 'i18n-iso-countries/langs/bs.json' with { type: 'json' };
import ca from 'i18n-iso-countries/langs/ca.json' with { type: 'json' };
import cs from 'i18n-iso-countries/langs/cs.json' with { type: 'json' };
import da from 'i18n-iso-countries/langs/da.json' with { type: 'json' };
import de from 'i18n-iso-countries/langs/de.json' with { type: 'json' };
import el from 'i18n-iso-countries/langs/el.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import et from 'i18n-iso-countries/langs/et.json' with { type: 'json' };
import fi from 'i18n-iso-countries/langs/fi.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import ga from 'i18n-iso-countries/langs/ga.json' with { type: 'json' };
import he from 'i18n-iso-countries/langs/he.json' with { type: 'json' };
import hr from 'i18n-iso-countries/langs/hr.json' with { type: 'json' };
import hu from 'i18n-iso-countries/langs/hu.json' with { type: 'json' };
import hy from 'i18n-iso-countries/langs/hy.json' with { type: 'json' };
import idLocale from 'i18n-iso-countries/langs/id.json' with { type: 'json' };
import is from 'i18n-iso-countries/langs/is.json' with { type: 'json' };
import it from 'i18n-iso-countries/langs/it.json' with { type: 'json' };
import ja from 'i18n-iso-countries/langs/ja.json' with { type: 'json' };
import ka from 'i18n-iso-countries/langs/ka.json' with { type: 'json' };
import kk from 'i18n-iso-countries/langs/kk.json' with { type: 'json' };
import ko from 'i18n-iso-countries/langs/ko.json' with { type: 'json' };
import ky from 'i18n-iso-countries/langs/ky.json' with { type: 'json' };
import lt from 'i18n-iso-countries/langs/lt.json' with { type: 'json' };
import lv from 'i18n-iso-countries/langs/lv.json' with { type: 'json' };
import mk from 'i18n-iso-countries/langs/mk.json' with { type: 'json' };
import mn from 'i18n-iso-countries/langs/mn.json' with { type: 'json' };
import mt from 'i18n-iso-countries/langs/mt.json' with { type: 'json' };
import nb from 'i18n-iso-countries/langs/nb.json' with { type: 'json' };
import nl from 'i18n-iso-countries/langs/nl.json' with { type: 'json' };
import no from 'i18n-iso-countries/langs/no.json' with { type: 'json' };
import pl from 'i18n-iso-countries/langs/pl.json' with { type: 'json' };
import pt from 'i18n-iso-countries/langs/pt.json' with { type: 'json' };
import ro from 'i18n-iso-countries/langs/ro.json' with { type: 'json' };
import ru from 'i18n-iso-countries/langs/ru.json' with { type: 'json' };
import sk from 'i18n-iso-countries/langs/sk.json' with { type: 'json' };
import sl from 'i18n-iso-countries/langs/sl.json' with { type: 'json' };
import sq from 'i18n-iso-countries/langs/sq.json' with { type: 'json' };
import sr from 'i18n-iso-countries/langs/sr.json' with { type: 'json' };
import sv from 'i18n-iso-countries/langs/sv.json' with { type: 'json' };
import tg from 'i18n-iso-countries/langs/tg.json' with { type: 'json' };
import tr from 'i18n-iso-countries/langs/tr.json' with { type: 'json' };
import uk from 'i18n-iso-countries/langs/uk.json' with { type: 'json' };
import uz from 'i18n-iso-countries/langs/uz.json' with { type: 'json' };
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };
import official from './data/official-country-names.json' with { type: 'json' };

const LOCALES = [
  en,
  ru,
  uk,
  be,
  kk,
  ky,
  uz,
  tg,
  az,
  hy,
  ka,
  mn,
  es,
  pt,
  idLocale,
  fr,
  de,
  it,
  nl,
  pl,
  cs,
  sk,
  sl,
  hr,
  sr,
  bs,
  mk,
  sq,
  bg,
  ro,
  hu,
  el,
  fi,
  sv,
  da,
  nb,
  no,
  et,
  lv,
  lt,
  mt,
  ga,
  is,
  ca,
  tr,
  ar,
  zh,
  ja,
  ko,
  he,
];

/** Publishers' spellings that are not ISO names in any locale (EU's EL for Greece, common abbreviations). */
const EXTRA: Record<string, string> = {
  el: 'GR',
  uk: 'GB',
  рф: 'RU',
  'russian federation the': 'RU',
  'united states of america the': 'US',
  'united kingdom of great britain and northern ireland the': 'GB',
};

/** Lower case, no accents, no punctuation, single spaces: the form names are compared in. */
export function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Words that say what kind of state a country is, in the languages buyers publish in: "Republic of X",
 * «Республика X», «X Республикасы», "República de X", "Republik X" name X. Only these generic words are
 * dropped (never "Democratic", "People's", "United"…, which tell countries apart), and only when what is
 * left is a known name.
 */
const STATE_WORDS = new Set(
  [
    'republic',
    'republique',
    'republica',
    'republik',
    'republiek',
    'repubblica',
    'republika',
    'respublika',
    'respublikasi',
    'respublikasy',
    'республика',
    'республіка',
    'рэспубліка',
    'республикасы',
    'kingdom',
    'royaume',
    'reino',
    'konigreich',
    'королевство',
    'state',
    'of',
    'the',
    'de',
    'del',
    'do',
    'da',
    'du',
    'la',
    'le',
  ].map(foldName),
);

const withoutStateWords = (folded: string): string =>
  folded
    .split(' ')
    .filter((w) => !STATE_WORDS.has(w))
    .join(' ');

let byName: Map<string, string> | undefined;

function names(): Map<string, string> {
  if (byName) return byName;
  // registered on first use, so a bundle that imports this module without calling it can drop the locales
  for (const locale of LOCALES) isoCountries.registerLocale(locale);
  byName = new Map(Object.entries(EXTRA));
  const officialNames: Record<string, string[]> = official.names;
  for (const [code, all] of Object.entries(officialNames))
    for (const name of all) if (!byName.has(foldName(name))) byName.set(foldName(name), code);
  for (const { locale } of LOCALES)
    for (const [code, all] of Object.entries(isoCountries.getNames(locale, { select: 'all' })))
      for (const name of all) if (!byName.has(foldName(name))) byName.set(foldName(name), code);
  return byName;
}

export interface Country {
  /** ISO 3166-1 alpha-2 */
  code: string;
  /** the English short name */
  name: string;
}

/** The country a published value names (alpha-2, alpha-3 or a name in a known language), or null. */
export function recogniseCountry(value: string | null | undefined): Country | null {
  const raw = value?.trim();
  if (!raw) return null;
  const upper = raw.toUpperCase();
  const known = names(); // also registers the locales getName reads below
  const code =
    (/^[A-Z]{2}$/.test(upper) && isoCountries.isValid(upper) ? upper : undefined) ??
    (/^[A-Z]{3}$/.test(upper) ? isoCountries.alpha3ToAlpha2(upper) : undefined) ??
    known.get(foldName(raw)) ??
    known.get(withoutStateWords(foldName(raw)));
  if (!code) return null;
  return { code, name: isoCountries.getName(code, 'en') ?? code };
}
