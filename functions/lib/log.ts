/**
 * Structured JSON logs (one line each), readable in CloudWatch Logs Insights and on the local console.
 * A message or field can never break or forge a line: JSON escapes CR, LF and the other controls, the
 * line and paragraph separators (U+2028/U+2029, which JSON leaves raw) are escaped here, a field named
 * like the line's own keys (`level`, `message`, `time`) is kept under `field.<name>` instead of
 * replacing them, and a value JSON cannot write (a bigint, a cycle) is written as text.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Fields = Record<string, unknown>;

/**
 * The context of the invocation a line belongs to (like Powertools' `injectLambdaContext`): its request
 * id, the route (`GET /tenders/{id}`) or task it runs, and the caller's org once known. Kept per async
 * context, so concurrent invocations in one process (the local stack) never mix theirs.
 */
const context = new AsyncLocalStorage<Fields>();

/** Run `fn` with a fresh log context; every line it writes carries these fields. */
export const inLogContext = <T>(fields: Fields, fn: () => T): T =>
  context.run(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), fn);

/** Add fields (e.g. the org, once the token is read) to the current invocation's log context. */
export const addLogContext = (fields: Fields): void => {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
};

const OWN_KEYS = new Set(['level', 'message', 'time']);

const serialise = (fields: Fields): Fields =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      OWN_KEYS.has(k) ? `field.${k}` : k,
      v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v,
    ]),
  );

const safeJson = (value: unknown): string => {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[cycle]';
      seen.add(v);
    }
    return v;
  });
};

export const logLine = (level: string, message: string, fields: Fields = {}, time = new Date()): string =>
  safeJson({ level, message, time: time.toISOString(), ...serialise(fields) })
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const write = (level: string, message: string, fields: Fields = {}) => {
  const line = logLine(level, message, { ...context.getStore(), ...fields });
  if (level === 'error') console.error(line);
  else if (process.env.TENDERFLOW_QUIET !== 'true') console.log(line);
};

export const log = {
  info: (message: string, fields?: Fields) => write('info', message, fields),
  warn: (message: string, fields?: Fields) => write('warn', message, fields),
  error: (message: string, fields?: Fields) => write('error', message, fields),
};
