/**
 * date-holidays-parser ships types (./types) but its `exports` map does not point at them, so NodeNext
 * resolution cannot find them: the part we use.
 */
declare module 'date-holidays-parser' {
  export default class HolidaysParser {
    constructor(data: object, country: string, opts?: { types?: string[]; timezone?: string });
    isHoliday(date: Date): false | { type: string; date: string; name: string }[];
    getHolidays(
      year: number,
    ): { type: string; date: string; name: string; start: Date; end: Date; rule?: string }[];
  }
}
