// Plain JavaScript with only node: imports: `npm start` (infra/local/start.mjs) needs it before loading anything.
import { createServer } from 'node:net';

/**
 * A port that was free a moment ago on 127.0.0.1 (for children that need a number up front).
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
