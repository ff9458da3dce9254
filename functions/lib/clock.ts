/** The only place that reads the wall clock; domain code receives `now` from here. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
