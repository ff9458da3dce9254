/**
 * The parts of an OCDS release Tenderflow does not import (a supplier's tool reads the tender, its lots and
 * the contracts' milestones), each named in one warning when it publishes a date, a milestone or a criterion,
 * so that nothing the buyer published is dropped in silence: awards, a contract's period and payments, and
 * any section outside the release schema's tender, planning, awards and contracts.
 */
import { isObject, type JsonObject } from './detect.ts';
import type { Warn } from './normalize.ts';
import { publishedFields } from './reach.ts';

/** Top-level release fields read elsewhere (normalize.ts, milestones.ts, the requirements readers). */
const READ = new Set(['tender', 'planning', 'awards', 'contracts', 'date']);
const MILESTONE = /(^|\.)milestones\[\d+\]/;

export function warnUnread(release: JsonObject, warn: Warn): void {
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  for (const [i, award] of list(release.awards).entries())
    if (publishedFields(award).length > 0)
      warn(
        `awards[${i}]`,
        'an award: not imported (its date and contract period are no deadlines here; the contract milestones are read)',
      );
  for (const [i, contract] of list(release.contracts).entries()) {
    if (!isObject(contract)) continue;
    const at = `contracts[${i}]`;
    const heads = new Set(
      publishedFields(contract, at)
        .filter((f) => !MILESTONE.test(f.path))
        .map((f) => head(f.path, at)),
    );
    for (const path of heads) warn(path, CONTRACT[path.slice(at.length + 1)] ?? 'not read: ignored');
  }
  const planning = isObject(release.planning) ? release.planning : {};
  for (const path of new Set(
    publishedFields(planning, 'planning')
      .filter((f) => !MILESTONE.test(f.path))
      .map((f) => head(f.path, 'planning')),
  ))
    warn(path, 'not read: ignored (planning milestones are read)');
  for (const [key, value] of Object.entries(release))
    if (!READ.has(key) && publishedFields(value, key).length > 0)
      warn(key, 'not a part of an OCDS release Tenderflow reads: ignored');
}

const CONTRACT: Record<string, string> = {
  period: "the contract's period is not read (its milestones are): not a deadline",
  'implementation.transactions': 'payments made under the contract: not imported',
};

/** The field of `holder` a path is in: `contracts[0].period`, or `contracts[0].implementation.transactions`. */
function head(path: string, holder: string): string {
  const rest = path.slice(holder.length + 1).split('.');
  const first = (rest[0] ?? '').replace(/\[\d+\]$/, '');
  if (first === 'implementation' && rest[1])
    return `${holder}.implementation.${rest[1].replace(/\[\d+\]$/, '')}`;
  return `${holder}.${first}`;
}
