/**
 * The shape of every path parameter, declared once, by the collection the parameter names (the
 * path segment before it: `/tenders/{id}` → `tenders`). An id of another shape cannot exist, so a
 * request naming one is a 404 before any handler reads the table. A route whose parameter has no
 * pattern here fails test/unit/api/path-params.test.ts.
 *
 * - tenders: `t-` + 24 hex (lib/ids.ts tenderIdFor)
 * - checklist: `i-` + 20 hex (store/checklist.ts itemIdFor)
 * - evidence: `e-` + a ULID (api/create-evidence.ts)
 * - deadlines: `<tenderId or ->.dl_` + 32 hex (store/deadlines.ts publicDeadlineId, domain/deadlines deadlineId)
 * - settings: a setting name (lower-case words joined by `-`)
 * - imports: a ULID (api/import-tender.ts)
 * - custom-dev-requests: `cdr-` + a ULID (api/create-custom-dev-request.ts)
 * - pilots: `p-` + a ULID (flows/pilots.ts createDraftPilot)
 */
export const pathParamPatterns: Readonly<Record<string, RegExp>> = {
  tenders: /^t-[0-9a-f]{24}$/,
  checklist: /^i-[0-9a-f]{20}$/,
  evidence: /^e-[0-9A-HJKMNP-TV-Z]{26}$/,
  deadlines: /^(?:t-[0-9a-f]{24}|-)\.dl_[0-9a-f]{32}$/,
  settings: /^[a-z][a-z0-9]*(?:-[a-z0-9]+){0,7}$/,
  imports: /^[0-9A-HJKMNP-TV-Z]{26}$/,
  'custom-dev-requests': /^cdr-[0-9A-HJKMNP-TV-Z]{26}$/,
  pilots: /^p-[0-9A-HJKMNP-TV-Z]{26}$/,
};

/** Each `{param}` of a route path with the pattern of the collection before it (throws on an undeclared one). */
export function paramPatternsOf(path: string): Record<string, RegExp> {
  const segments = path.split('/');
  const out: Record<string, RegExp> = {};
  segments.forEach((segment, i) => {
    const name = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (!name) return;
    const collection = segments[i - 1] ?? '';
    const pattern = pathParamPatterns[collection];
    if (!pattern)
      throw new Error(`${path}: no pattern for {${name}} after /${collection}/ in functions/path-params.ts`);
    out[name] = pattern;
  });
  return out;
}
