/**
 * Every working-calendar correction file (calendars/<CC>.json, each citing its sources), as JSON modules so
 * the bundler includes them. A file added to this folder is listed here (test/unit/domain/working-calendar.test.ts
 * fails for one that is not); `workingCalendar(<CC>)` then picks it up.
 */
import id from './ID.json' with { type: 'json' };
import ru from './RU.json' with { type: 'json' };
import ua from './UA.json' with { type: 'json' };
import us from './US.json' with { type: 'json' };

export const correctionFiles: Readonly<Record<string, unknown>> = {
  'RU.json': ru,
  'US.json': us,
  'UA.json': ua,
  'ID.json': id,
};
