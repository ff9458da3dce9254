/** A port that was free a moment ago on 127.0.0.1 (for children that need a number up front). */
export declare function freePort(): Promise<number>;
