import type { Role } from './roles.ts';

/** One entry of the route table (functions/routes.ts): the CDK HTTP API and the local server are both built from it. */
export interface Route<F extends string = string> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path syntax: `/tenders/{id}` */
  path: string;
  fn: F;
  /** `public` routes need no token; otherwise the caller needs at least one of these roles */
  auth: 'public' | readonly Role[];
}

/**
 * What an API function serves, as its handler sees it: its routes (the calendar serves two) and the
 * declared pattern of each path parameter they name. `P` are the parameters every one of its routes has.
 */
export interface Endpoint<P extends string = string> {
  fn: string;
  routes: readonly [Route, ...Route[]];
  params: Readonly<Record<string, RegExp>>;
  /** type only: the path parameters a handler may read */
  readonly paramNames?: readonly P[];
}

/** `{a}` and `{b}` of `/x/{a}/y/{b}`. */
export type ParamNames<Path extends string> = Path extends `${string}{${infer N}}${infer Rest}`
  ? N | ParamNames<Rest>
  : never;

/** The parameters every path of a union has (the calendar: `/tenders/{id}/calendar.ics` and `/calendar.ics` share none). */
export type CommonParams<Paths extends string, K extends string = ParamNames<Paths>> = K extends string
  ? [Paths extends string ? (K extends ParamNames<Paths> ? true : false) : never] extends [true]
    ? K
    : never
  : never;
