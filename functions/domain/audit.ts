/**
 * What an audited change records: the fields that really change, with their values before and after.
 * Pure; the store writes the entry with the change (store/audit.ts).
 */
export interface FieldChanges<T> {
  /** the fields whose value changes (compared as JSON; absent and null are the same) */
  changed: (keyof T & string)[];
  /** the new values of the changed fields: what the store writes */
  fields: Partial<T>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export function fieldChanges<T extends object>(
  current: T,
  next: Partial<T>,
  tracked: readonly (keyof T & string)[],
): FieldChanges<T> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const changed = tracked.filter((f) => f in next && !same(next[f], current[f]));
  const fields: Partial<T> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const f of changed) {
    fields[f] = next[f];
    before[f] = current[f] ?? null;
    after[f] = next[f] ?? null;
  }
  return { changed, fields, before, after };
}
