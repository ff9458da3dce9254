/** A step logger for `TENDERFLOW_TIMING=1 npm start` (a no-op without it). */
export declare function timingFor(label: string): (step: string) => void;
