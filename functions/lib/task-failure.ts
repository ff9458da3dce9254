import * as z from 'zod/mini';

/** What a workflow's Catch hands the failure step: `{Error, Cause}` (ResultPath `$.error`). */
export const CaughtError = z.object({ Error: z.string(), Cause: z.unknown() });
export type CaughtError = z.infer<typeof CaughtError>;

/** Lambda errors arrive as a JSON string {errorType, errorMessage, trace}; keep the message only. */
export function readableCause(cause: unknown): string {
  if (typeof cause !== 'string') return JSON.stringify(cause ?? null);
  try {
    const parsed: unknown = JSON.parse(cause);
    if (typeof parsed === 'object' && parsed !== null && 'errorMessage' in parsed)
      return String(parsed.errorMessage);
  } catch {
    // not JSON: the cause is already a message
  }
  return cause;
}

/** A caught error as the records keep it (intake, import, assessment, evaluation): its name and a readable message. */
export const failureOf = (error: CaughtError): { error: string; cause: string } => ({
  error: error.Error,
  cause: readableCause(error.Cause).slice(0, 2000),
});
