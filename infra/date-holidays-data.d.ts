/** date-holidays exports its compiled data as `date-holidays/data` without types. */
declare module 'date-holidays/data' {
  export const data: {
    version: string;
    license: string;
    holidays: Record<string, unknown>;
    names: Record<string, unknown>;
  };
}
