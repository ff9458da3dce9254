/**
 * Every deadline rule pack (rule-packs/*.json), as JSON modules so the bundler includes them. A pack file
 * added to this folder is listed here (test/unit/domain/rule-packs.test.ts fails for one that is not).
 */
import eu from './eu-2014-24.json' with { type: 'json' };
import id from './id-perpres-16-2018.json' with { type: 'json' };
import ru from './ru-44fz.json' with { type: 'json' };
import ua from './ua-922.json' with { type: 'json' };
import us from './us-far.json' with { type: 'json' };

export const rulePackFiles: Readonly<Record<string, unknown>> = {
  'ru-44fz.json': ru,
  'eu-2014-24.json': eu,
  'us-far.json': us,
  'ua-922.json': ua,
  'id-perpres-16-2018.json': id,
};
