import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

/**
 * POST a JSON body to a webhook, connecting only to an address the caller approves (SSRF guard):
 *
 * - the host is resolved here (every address, IPv4 and IPv6); if any of them is refused by
 *   `allowAddress` nothing is sent, and the socket connects to exactly the addresses checked — the
 *   resolver is not asked again, so a second answer (DNS rebinding) cannot swap them. TLS still
 *   checks the certificate against the host name (SNI and Host stay the name);
 * - redirects are never followed (node:http does not follow them; a 3xx is a refusal);
 * - one deadline (`timeoutMs`) covers resolving, connecting, sending and the answer;
 * - the answer body is read up to 64 KB and dropped: nothing the remote says reaches the caller
 *   but a coarse outcome (its status is for the log only).
 */
export type PostOutcome =
  | { ok: true; status: number }
  | { ok: false; reason: 'not-allowed' | 'timeout' | 'unreachable' | 'rejected'; detail: string };

export interface PostOptions {
  allowAddress: (address: string) => boolean;
  timeoutMs: number;
  /** the resolver (node:dns lookup by default) */
  lookup?: typeof dnsLookup;
}

class AddressRefused extends Error {
  override name = 'AddressRefused';
}

/** A `lookup` for net.connect that resolves once, refuses unless every address is allowed, and hands those addresses over. */
const vettedLookup =
  (resolve: typeof dnsLookup, allow: (address: string) => boolean): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.filter((a) => !allow(a.address));
      if (addresses.length === 0 || refused.length > 0)
        return callback(
          new AddressRefused(
            `${hostname} resolves to an address alerts may not be sent to (${refused.map((a) => a.address).join(', ') || 'none'})`,
          ),
          '',
          0,
        );
      const family = options.family === 4 || options.family === 6 ? options.family : undefined;
      const usable = family ? addresses.filter((a) => a.family === family) : addresses;
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      const [first] = usable;
      if (!first) return callback(new AddressRefused(`${hostname} has no IPv${family} address`), '', 0);
      callback(null, first.address, first.family);
    });
  };

export function postJson(url: URL, body: string, opts: PostOptions): Promise<PostOutcome> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const signal = AbortSignal.timeout(opts.timeoutMs);
  return new Promise<PostOutcome>((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        lookup: vettedLookup(opts.lookup ?? dnsLookup, opts.allowAddress),
        signal,
        // a fresh connection each time: a pooled socket would skip the address check
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 65_536) res.destroy();
        });
        res.on('close', () =>
          resolve(
            status >= 200 && status < 300
              ? { ok: true, status }
              : { ok: false, reason: 'rejected', detail: `HTTP ${status}` },
          ),
        );
        res.on('error', () => undefined);
      },
    );
    req.on('error', (error) => {
      if (signal.aborted)
        resolve({ ok: false, reason: 'timeout', detail: `no answer in ${opts.timeoutMs} ms` });
      else if (error instanceof AddressRefused || error.cause instanceof AddressRefused)
        resolve({ ok: false, reason: 'not-allowed', detail: error.message });
      else resolve({ ok: false, reason: 'unreachable', detail: String(error) });
    });
    req.end(body);
  });
}
