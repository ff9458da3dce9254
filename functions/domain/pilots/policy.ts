import { InvalidInputError } from '../../lib/errors.ts';
import { fieldErrors } from '../../lib/validate.ts';
import { isValidTimeZone } from '../time.ts';
import { type PilotPolicy, PilotPolicySchema } from './types.ts';

/** The setting's body as `PUT /settings/pilot-policy` reads it: defaults filled in, a real IANA zone. */
export function readPilotPolicy(body: unknown): PilotPolicy {
  const parsed = PilotPolicySchema.safeParse(body);
  if (!parsed.success) throw new InvalidInputError('invalid pilot policy', fieldErrors(parsed.error.issues));
  if (!isValidTimeZone(parsed.data.timeZone))
    throw new InvalidInputError('invalid pilot policy', [
      { path: 'timeZone', message: `not an IANA time zone: ${parsed.data.timeZone}` },
    ]);
  return parsed.data;
}
