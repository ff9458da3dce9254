/** A port that was free a moment ago on 127.0.0.1 (plain JavaScript: `npm start` needs it before loading anything). */
export { freePort } from './free-port.mjs';

/** Poll `probe` until it resolves, or fail after `timeoutMs` with the last error. */
export async function waitUntil(
  what: string,
  probe: () => Promise<unknown>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(
    `${what} did not become ready within ${timeoutMs} ms: ${last instanceof Error ? last.message : String(last)}`,
  );
}
