/**
 * Prozorro `features`: the non-price criteria of a tender (VAT status, warranty, delivery time, …). A bid
 * declares, for each, one of the published values (its `parameters`); the value raises the bid's score by
 * that share (0.05 = 5 %). Each feature becomes a checklist item of the tenderer, its lot, or the lot of its
 * item: answered with one of the values (a number between the lowest and highest), the options listed in
 * its description. Whatever cannot be read is a warning naming it.
 */
import { condition } from '../checklist/condition.ts';
import { describe, localized } from '../checklist/fields.ts';
import type { Localized, RequirementSpec } from '../checklist/types.ts';
import { isObject } from '../ocds/detect.ts';
import { readNumber, text, type Warn } from '../ocds/normalize.ts';
import type { Use } from '../ocds/reach.ts';

export interface FeatureContext {
  language: string;
  lotIds: ReadonlySet<string>;
  itemLots: ReadonlyMap<string, string>;
}

export function readFeatures(list: unknown, warn: Warn, use: Use, ctx: FeatureContext): RequirementSpec[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    warn('features', 'expected an array of features');
    return [];
  }
  const seen = new Set<string>();
  return list.flatMap((f, i) => {
    const path = `features[${i}]`;
    if (!isObject(f)) {
      warn(path, `expected a feature object, got ${describe(f)}`);
      return [];
    }
    let code = text(f.code) ?? `${i}`;
    if (seen.has(code)) code = `${code}@${i}`;
    seen.add(code);
    const lotId = lotOf(f, path, warn, ctx);
    const options = readOptions(f.enum, `${path}.enum`, warn, ctx.language);
    const title = localized(f, 'title', ctx.language);
    const description = localized(f, 'description', ctx.language);
    if (Object.keys(title).length === 0 && options.length === 0) {
      warn(path, 'a feature with no title and no values: nothing to declare');
      return [];
    }
    const values = options.map((o) => o.value);
    const listed = options.map((o) => `${o.value} (${percent(o.value)}): ${o.title}`).join('; ');
    const notes = [
      'Non-price criterion: declare one of these values in the bid (answer with the value); it raises the score by that share.',
      listed !== '' ? `Values: ${listed}` : null,
    ].filter((n): n is string => n !== null);
    use(path);
    return [
      condition(
        {
          lotId,
          path,
          key: lotId === null ? '' : `lots[${lotId}].`,
          language: ctx.language,
        },
        `features[${code}]`,
        {
          title: Object.keys(title).length > 0 ? title : { en: `Feature ${code}` },
          description: withNotes(description, ctx.language, notes),
          category: 'other',
          ...(values.length > 0
            ? { dataType: 'number' as const, minValue: Math.min(...values), maxValue: Math.max(...values) }
            : {}),
        },
      ),
    ];
  });
}

/** The lot a feature belongs to: its lot (featureOf lot), its item's lot (featureOf item), or none (tenderer). */
function lotOf(f: Record<string, unknown>, path: string, warn: Warn, ctx: FeatureContext): string | null {
  const of = text(f.featureOf);
  const related = text(f.relatedItem);
  if (of === 'lot') {
    if (related !== null && ctx.lotIds.size > 0 && !ctx.lotIds.has(related))
      warn(`${path}.relatedItem`, `no lot ${JSON.stringify(related)} in the tender`);
    return related;
  }
  if (of === 'item') {
    const lot = related !== null ? ctx.itemLots.get(related) : undefined;
    return lot ?? null;
  }
  if (of !== null && of !== 'tenderer')
    warn(`${path}.featureOf`, `not understood: ${JSON.stringify(of)}; taken as the whole tender`);
  return null;
}

function readOptions(
  v: unknown,
  path: string,
  warn: Warn,
  language: string,
): { value: number; title: string }[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    warn(path, 'expected an array of values');
    return [];
  }
  return v.flatMap((o, i) => {
    const value = isObject(o) ? readNumber(o.value) : null;
    if (!isObject(o) || typeof value !== 'number') {
      warn(`${path}[${i}]`, `expected a value with a number, got ${describe(o)}`);
      return [];
    }
    const titles = localized(o, 'title', language);
    return [{ value, title: titles[language] ?? Object.values(titles)[0] ?? String(value) }];
  });
}

const percent = (v: number): string => `${Math.round(v * 10000) / 100} %`;

const withNotes = (text: Localized, language: string, notes: string[]): Localized => ({
  ...text,
  [language]: [text[language], ...notes].filter((x) => x !== undefined).join('\n'),
});
