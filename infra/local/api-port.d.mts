import type { ChildProcess } from 'node:child_process';
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
  /** resolves once requests reach `serve`'s listener (an adopted port: after the parent's handover) */
  serving?: Promise<void>;
}
/** Listen on `port` of 127.0.0.1 (0: a free one); rejects with the listen error (`code` EADDRINUSE when taken). */
export declare function openApiPort(port: number): Promise<ApiPort>;
/** The parent's side of the handover: the listening socket to `child` when it asks; resolves once it serves. */
export declare function handOver(api: ApiPort, child: ChildProcess): Promise<void>;
/** The stack process's side: the port its parent listens on, taken over at `serve`. */
export declare function adoptApiPort(port: number): ApiPort & { serving: Promise<void> };
