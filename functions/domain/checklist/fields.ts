/**
 * Readers for the fields of criteria, requirement groups and requirements (OCDS requirements extension and
 * Prozorro). Each takes the raw value and the JSON path, returns what it could use and warns about the rest.
 */
import { isObject, type JsonObject } from '../ocds/detect.ts';
import { readNumber, text, type Warn } from '../ocds/normalize.ts';
import type { DataType, EligibleEvidence, Localized, RequirementSpec } from './types.ts';

/** The OCDS requirements extension dataType codelist (closed). */
export const DATA_TYPES: readonly DataType[] = ['string', 'date-time', 'number', 'integer', 'boolean'];

const LANG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/** `field` under `language`, and every `field_<lang>` (OCDS and Prozorro multilingual fields) under `<lang>`. */
export function localized(obj: JsonObject, field: string, language: string): Localized {
  const out: Localized = {};
  for (const [k, v] of Object.entries(obj)) {
    const lang = k.startsWith(`${field}_`) ? k.slice(field.length + 1) : '';
    const value = text(v);
    if (LANG.test(lang) && value !== null) out[lang.toLowerCase()] = value;
  }
  const main = text(obj[field]);
  if (main !== null) out[language] = main;
  return out;
}

export function idOf(v: unknown, index: number, path: string, warn: Warn): string {
  const id = text(v);
  if (id !== null) return id;
  warn(path, `missing: using the position ${index}`);
  return String(index);
}

export function listOf(v: unknown, path: string, what: string, warn: Warn): unknown[] {
  if (Array.isArray(v)) {
    if (v.length === 0) warn(path, `empty: no ${what}`);
    return v;
  }
  warn(path, v === undefined || v === null ? `missing: no ${what}` : `expected an array of ${what}`);
  return [];
}

/** true unless the source says false (a boolean or "false"). */
export function readFlag(v: unknown, path: string, warn: Warn): boolean {
  if (v === undefined || v === null || v === true) return true;
  if (v === false) return false;
  const t = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  if (t === 'true' || t === 'false') return t === 'true';
  warn(path, `not a boolean: ${describe(v)}; taken as true`);
  return true;
}

export function readClassification(v: unknown, path: string, warn: Warn): RequirementSpec['classification'] {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) {
    warn(path, 'expected an object with scheme and id');
    return null;
  }
  const id = text(v.id);
  if (id === null) {
    warn(`${path}.id`, 'missing');
    return null;
  }
  return { scheme: text(v.scheme), id };
}

/** Legal basis as text, e.g. `922-VIII art. 17.1.5` from Prozorro's { identifier: { id }, article }. */
export function readLegislation(v: unknown, path: string, warn: Warn): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((l, i) => {
    const at = Array.isArray(v) ? `${path}[${i}]` : path;
    if (typeof l === 'string') return text(l) === null ? [] : [l.trim()];
    const ident = isObject(l) && isObject(l.identifier) ? l.identifier : {};
    const law = isObject(l)
      ? (text(ident.id) ?? text(ident.legalName) ?? text(l.title) ?? text(ident.uri))
      : null;
    const article = isObject(l) ? text(l.article) : null;
    const ref = law !== null && article !== null ? `${law} art. ${article}` : (law ?? article);
    if (ref === null) warn(at, 'expected a legislation reference (identifier and article)');
    return ref === null ? [] : [ref];
  });
}

export function readDataType(v: unknown, path: string, warn: Warn): DataType | null {
  if (v === undefined || v === null) return null;
  const t = text(v)?.toLowerCase();
  const found = DATA_TYPES.find((d) => d === t);
  if (found) return found;
  warn(path, `not in the dataType codelist (${DATA_TYPES.join(', ')}): ${describe(v)}`);
  return null;
}

export function readBound(v: unknown, path: string, warn: Warn): number | null {
  const n = readNumber(v);
  if (n === null) warn(path, `not a number: ${describe(v)}`);
  return n ?? null;
}

/** A pattern answers can be checked with: compiled with the `u` flag, as checkAnswer does. */
export function readPattern(v: unknown, path: string, warn: Warn): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v === '') {
    warn(path, `expected a regular expression, got ${describe(v)}`);
    return null;
  }
  try {
    new RegExp(v, 'u');
    return v;
  } catch {
    warn(path, `not a valid regular expression: ${describe(v)}`);
    return null;
  }
}

/** The expected value in the type the requirement asks for: "true"/"false" for booleans, numeric strings for numbers. */
export function readExpected(
  v: unknown,
  type: DataType | null,
  path: string,
  warn: Warn,
): RequirementSpec['expectedValue'] {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    warn(path, `expected a string, number or boolean, got ${describe(v)}`);
    return null;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  const raw = typeof v === 'string' ? v.trim() : v;
  if (raw === '') return null;
  const mismatch = () => {
    warn(path, `does not match dataType ${type}: ${describe(v)}`);
    return raw;
  };
  switch (type) {
    case 'boolean': {
      const t = String(raw).toLowerCase();
      return t === 'true' || t === 'false' ? t === 'true' : mismatch();
    }
    case 'number':
    case 'integer': {
      const n = typeof raw === 'boolean' ? null : readNumber(raw);
      if (typeof n !== 'number') return mismatch();
      if (type === 'integer' && !Number.isInteger(n)) warn(path, `not an integer: ${describe(v)}`);
      return n;
    }
    case 'string':
      return String(raw);
    case 'date-time':
      return typeof raw === 'string' ? raw : mismatch();
    default:
      return raw;
  }
}

/** The unit of a requirement's value: Prozorro's `{name, code}` (its name, else its code) or plain text. */
export function readUnit(v: unknown, path: string, warn: Warn): string | null {
  if (v === undefined || v === null) return null;
  const unit = isObject(v) ? (text(v.name) ?? text(v.code) ?? text(v.id)) : text(v);
  if (unit === null) warn(path, `expected a unit with a name or code, got ${describe(v)}`);
  return unit;
}

export function readEvidences(v: unknown, path: string, warn: Warn): EligibleEvidence[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    warn(path, 'expected an array of evidences');
    return [];
  }
  return v.flatMap((e, i) => {
    if (!isObject(e)) {
      warn(`${path}[${i}]`, 'expected an evidence object');
      return [];
    }
    return [{ id: idOf(e.id, i, `${path}[${i}].id`, warn), title: text(e.title), type: text(e.type) }];
  });
}

/** A short, safe rendering of any JSON value for a warning. */
export function describe(v: unknown): string {
  try {
    const s = JSON.stringify(v) ?? typeof v;
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return typeof v;
  }
}
