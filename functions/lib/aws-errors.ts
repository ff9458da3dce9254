import { TransientError } from './errors.ts';

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalError',
  'ServiceUnavailable',
  'SlowDown',
  'TimeoutError',
  'RequestTimeout',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
]);

/** Throttling, 5xx and network failures from an AWS call: worth a retry. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  const retryable = (error as { $retryable?: unknown }).$retryable;
  const code = (error as { code?: unknown }).code;
  return (
    TRANSIENT_NAMES.has(error.name) ||
    (typeof code === 'string' && TRANSIENT_NAMES.has(code)) ||
    retryable !== undefined ||
    (meta?.httpStatusCode !== undefined && meta.httpStatusCode >= 500)
  );
}

/** Re-throw transient AWS failures as TransientError so the state machine's Retry catches them by name. */
export async function retryableOnTransient<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isTransient(error))
      throw new TransientError(error instanceof Error ? error.message : String(error), { cause: error });
    throw error;
  }
}
