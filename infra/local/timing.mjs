// `TENDERFLOW_TIMING=1 npm start` prints each step of the start with its time since `npm start`'s own
// process began (the stack's process reports against the same origin), and every event-loop stall
// over 100 ms (a request waits that long for its answer).

const origin = Number(process.env.TENDERFLOW_STARTED_AT) || performance.timeOrigin;
if (!process.env.TENDERFLOW_STARTED_AT) process.env.TENDERFLOW_STARTED_AT = String(origin);

/** @param {string} label */
export function timingFor(label) {
  if (!process.env.TENDERFLOW_TIMING) return (/** @type {string} */ _step) => undefined;
  const since = () => Math.round(performance.timeOrigin + performance.now() - origin);
  const log = (/** @type {string} */ step) => console.error(`[${label}] ${step.padEnd(34)} ${since()} ms`);
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 100) log(`event loop blocked ${Math.round(now - last)} ms, until`);
    last = now;
  }, 10).unref();
  return log;
}
