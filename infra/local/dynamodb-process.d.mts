import type { ChildProcess } from 'node:child_process';

/** JVM flags `npm start` gives DynamoDB Local for a quick start on a small machine. */
export declare const QUICK_START_JVM_FLAGS: string[];

/** DynamoDB Local's Java process, spawned and perhaps still booting. */
export interface DynamoProcess {
  child: ChildProcess;
  port: number;
  endpoint: string;
  /** resolves when the process has exited, or failed to spawn (then with null) */
  exited: Promise<number | null>;
  /** why the process is gone, or undefined while it runs */
  failure(): string | undefined;
  stop(): Promise<void>;
}
export declare function spawnDynamoLocal(opts: {
  dir: string | null;
  port: number;
  quickStart?: boolean;
}): DynamoProcess;
