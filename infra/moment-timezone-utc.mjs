/**
 * What the bundles get for `moment-timezone` (see infra/bundling.ts): the library without its 0.7 MB of
 * zone data, plus the one zone it is asked for. Only date-holidays-parser uses moment-timezone, and the
 * working calendar (functions/domain/deadlines/working-days.ts) always asks it for UTC; the holiday rules of
 * the counted countries name no zone of their own (test/unit/domain/working-calendar-bundle.test.ts
 * checks the bundled calendar gives the same answers as the unbundled one).
 */
// a relative path: the alias that points here also catches every `moment-timezone/...` import
import moment from '../node_modules/moment-timezone/moment-timezone.js';

moment.tz.add(['Etc/UTC|UTC|0|0||0']);
moment.tz.link(['Etc/UTC|UTC']);

export default moment;
