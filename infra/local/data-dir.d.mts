/** The default data folder: `.tenderflow/` at the project root, wherever the command is run from. */
export declare const defaultDataDir: string;
/** TENDERFLOW_DATA (relative to the current directory) when set, else the default. Always absolute. */
export declare function dataDirFrom(env?: Record<string, string | undefined>): string;
/** `command`, prefixed with `TENDERFLOW_DATA=…` (shell-quoted) when `dataDir` is not the default. */
export declare function withDataDir(dataDir: string, command: string): string;
