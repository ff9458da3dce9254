import type { ChildProcess } from 'node:child_process';

/** JVM flags `npm start` gives DynamoDB Local for a quick start on a small machine. */
export declare const QUICK_START_JVM_FLAGS: string[];

/** DynamoDB Local's Java process, spawned and perhaps still booting. */
export interface DynamoProcess {
  /** the JVM's process id (undefined when it could not be spawned) */
  pid: number | undefined;
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
/** `npm start`'s side: tell the stack's process when the JVM is gone, stop it when it asks. */
export declare function shareDynamo(dynamo: DynamoProcess, child: ChildProcess): void;
/** The stack process's side: the DynamoDB Local its parent spawned. */
export declare function sharedDynamo(port: number, pid: number): DynamoProcess;
