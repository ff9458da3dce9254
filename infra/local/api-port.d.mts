import type { RequestListener, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Seconds a client is told to wait (Retry-After) while the local stack is still starting. */
export declare const STARTING_RETRY_AFTER_SECONDS: number;
/** 503 + Retry-After for every request (`/health`: `{"status":"starting"}`), at once. */
export declare const startingGateway: RequestListener;
/** A request Node refuses before any handler: a problem+json 400/431, then the connection is closed. */
export declare function clientError(error: NodeJS.ErrnoException, socket: Duplex): void;

/** The API port, open and answering 503 until `serve` hands it the real listener. */
export interface ApiPort {
  server: Server;
  port: number;
  serve(listener: RequestListener): void;
  close(): Promise<void>;
}
/** Listen on `port` of 127.0.0.1 (0: a free one); rejects with the listen error (`code` EADDRINUSE when taken). */
export declare function openApiPort(port: number): Promise<ApiPort>;
