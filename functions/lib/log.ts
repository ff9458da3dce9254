/** Structured JSON logs (one line each), readable in CloudWatch Logs Insights and on the local console. */
type Fields = Record<string, unknown>;

const serialise = (fields: Fields): Fields =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) =>
      v instanceof Error ? [k, { name: v.name, message: v.message, stack: v.stack }] : [k, v],
    ),
  );

const write = (level: string, message: string, fields: Fields = {}) => {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...serialise(fields) });
  if (level === 'error') console.error(line);
  else if (process.env.TENDERFLOW_QUIET !== 'true') console.log(line);
};

export const log = {
  info: (message: string, fields?: Fields) => write('info', message, fields),
  warn: (message: string, fields?: Fields) => write('warn', message, fields),
  error: (message: string, fields?: Fields) => write('error', message, fields),
};
