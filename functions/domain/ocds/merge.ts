import { asKey, isObject, type JsonObject } from './detect.ts';

/**
 * Compile several releases of one contracting process into one, oldest first, following the
 * OCDS merge idea: objects merge field by field, arrays of objects with `id` merge by id, other
 * arrays and values are replaced by the newer release, and an explicit null removes a field.
 */
export function compileReleases(releases: readonly JsonObject[]): JsonObject {
  const ordered = [...releases].sort((a, b) => asKey(a.date ?? '').localeCompare(asKey(b.date ?? '')));
  return ordered.reduce<JsonObject>((acc, r) => mergeObject(acc, r), {});
}

function mergeObject(base: JsonObject, next: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(next)) {
    if (v === null) delete out[k];
    else out[k] = mergeValue(out[k], v);
  }
  return out;
}

function mergeValue(base: unknown, next: unknown): unknown {
  if (isObject(base) && isObject(next)) return mergeObject(base, next);
  if (Array.isArray(base) && Array.isArray(next) && isIdentified(base) && isIdentified(next)) {
    const byId = new Map<string, JsonObject>(base.map((o) => [asKey(o.id), o]));
    for (const o of next) {
      const id = asKey(o.id);
      byId.set(id, mergeObject(byId.get(id) ?? {}, o));
    }
    return [...byId.values()];
  }
  return next;
}

const isIdentified = (a: unknown[]): a is JsonObject[] =>
  a.every((o) => isObject(o) && o.id !== undefined && o.id !== null);
