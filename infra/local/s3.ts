import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';

export interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * The web app (served by the gateway on another local port) PUTs evidence to presigned URLs from the
 * browser: CORS for loopback origins only. In AWS the documents bucket's CORS names the app's origin.
 */
const LOCAL_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>http://127.0.0.1:*</AllowedOrigin>
    <AllowedOrigin>http://localhost:*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/** s3rver on 127.0.0.1, persisting under `dir`, with the buckets created at start (path-style addressing). */
export async function startS3(opts: { dir: string; port: number; buckets: string[] }): Promise<LocalS3> {
  mkdirSync(opts.dir, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port,
    silent: true,
    directory: opts.dir,
    vhostBuckets: false,
    configureBuckets: opts.buckets.map((name) => ({ name, configs: [LOCAL_CORS] })),
  });
  const address = await server.run();
  return { endpoint: `http://127.0.0.1:${address.port}`, stop: () => server.close() };
}
