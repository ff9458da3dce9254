/** A problem detail field error (RFC 9457 extension member `errors`). */
export interface FieldError {
  path: string;
  message: string;
}

/** Base error: every error we throw on purpose has a stable `name` and keeps its `cause`. */
export class AppError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * An error that maps to an HTTP status. `expose` says whether its message may reach the client;
 * anything not exposed becomes a plain 500 so internals never leak.
 */
export class HttpError extends AppError {
  readonly status: number;
  readonly title: string;
  readonly errors: FieldError[];
  readonly expose: boolean;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    title: string,
    detail: string,
    opts: { errors?: FieldError[]; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(detail, { cause: opts.cause });
    this.status = status;
    this.title = title;
    this.errors = opts.errors ?? [];
    this.expose = status < 500;
    this.headers = opts.headers ?? {};
  }
}

export const badRequest = (detail: string, errors: FieldError[] = []) =>
  new HttpError(400, 'Bad Request', detail, { errors });
export const unauthorized = (detail: string) => new HttpError(401, 'Unauthorized', detail);
export const forbidden = (detail: string) => new HttpError(403, 'Forbidden', detail);
export const notFound = (detail: string) => new HttpError(404, 'Not Found', detail);
export const payloadTooLarge = (detail: string) => new HttpError(413, 'Content Too Large', detail);
export const unsupportedMediaType = (detail: string) => new HttpError(415, 'Unsupported Media Type', detail);

/** A domain rule says the input cannot be used; retrying will not help. */
export class InvalidInputError extends AppError {
  readonly errors: FieldError[];
  constructor(message: string, errors: FieldError[] = []) {
    super(message);
    this.errors = errors;
  }
}

/** The change is not allowed from the entity's current state (e.g. an illegal status transition). */
export class StateConflictError extends AppError {}

/** The caller's roles do not allow this change. */
export class PermissionError extends AppError {}

/** A conditional write lost a race or met a stale version. */
export class VersionConflictError extends AppError {}

/** Thrown by task handlers for failures worth retrying (throttling, 5xx, network); the ASL retries on it. */
export class TransientError extends AppError {}

/** Thrown when the deployment is misconfigured (missing environment); fails the cold start. */
export class ConfigError extends AppError {}

/**
 * A long write (an intake's checklist) stopped because its intake is no longer current: it failed (timed
 * out, marked intake-failed, its items removed) or a newer intake of the tender began. Never retried.
 */
export class IntakeAbandonedError extends AppError {}
