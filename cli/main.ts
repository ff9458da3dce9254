import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { roles } from '../functions/routes.ts';
import { mintToken } from '../infra/local/keys.ts';

const USAGE = `tenderflow <command> [options]     (talks to the local stack started by \`npm start\`)

  token   --org ORG --user USER --role ROLE [--role ROLE ...] [--ttl SECONDS]
          print a token the local stack accepts (roles: ${roles.join(', ')})
  import  FILE --org ORG [--user USER] [--ocid OCID] [--time-zone ZONE]
          import an OCDS document as a bid manager; prints the API's answer
  sweep   [--at ISO-INSTANT]
          run the alert sweep once, as of that instant (default: now)
  executions
          list the local workflow executions (status, state transitions)

Environment: TENDERFLOW_DATA (default .tenderflow), the same folder \`npm start\` uses.`;

const dataDir = resolve(process.env.TENDERFLOW_DATA ?? '.tenderflow');

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function runtime(): { apiUrl: string; sfnUrl: string; env: Record<string, string> } {
  try {
    return JSON.parse(readFileSync(resolve(dataDir, 'runtime.json'), 'utf8'));
  } catch {
    return fail(
      `the local stack is not running for ${dataDir}: start it with \`npm start\` (same TENDERFLOW_DATA)`,
    );
  }
}

const [command, ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    org: { type: 'string' },
    user: { type: 'string' },
    role: { type: 'string', multiple: true },
    ttl: { type: 'string' },
    ocid: { type: 'string' },
    'time-zone': { type: 'string' },
    at: { type: 'string' },
  },
});

switch (command) {
  case 'token': {
    if (!values.org || !values.user || !values.role?.length)
      fail(`token needs --org, --user and at least one --role\n\n${USAGE}`);
    const unknown = values.role.filter((r) => !(roles as readonly string[]).includes(r));
    if (unknown.length) fail(`unknown role(s): ${unknown.join(', ')}; roles are: ${roles.join(', ')}`);
    const ttl = values.ttl ? Number(values.ttl) : undefined;
    if (ttl !== undefined && !(ttl > 0)) fail('--ttl must be a positive number of seconds');
    console.log(
      await mintToken(dataDir, { org: values.org, user: values.user, roles: values.role, ttlSeconds: ttl }),
    );
    break;
  }
  case 'import': {
    const file = positionals[0];
    if (!file || !values.org) fail(`import needs a FILE and --org\n\n${USAGE}`);
    const { apiUrl } = runtime();
    const token = await mintToken(dataDir, {
      org: values.org,
      user: values.user ?? 'cli',
      roles: ['bid-manager'],
    });
    const query = new URLSearchParams();
    if (values.ocid) query.set('ocid', values.ocid);
    if (values['time-zone']) query.set('timeZone', values['time-zone']);
    const res = await fetch(`${apiUrl}/tenders/import${query.size ? `?${query}` : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: readFileSync(resolve(file)),
    });
    console.log(res.status, await res.text());
    if (!res.ok) process.exitCode = 1;
    break;
  }
  case 'sweep': {
    const at = values.at ?? new Date().toISOString();
    if (Number.isNaN(Date.parse(at))) fail(`--at must be an ISO-8601 instant, not ${at}`);
    Object.assign(process.env, runtime().env);
    const { handler } = await import('../functions/jobs/alert-sweep.ts');
    console.log(JSON.stringify(await handler({ at: new Date(at).toISOString() })));
    break;
  }
  case 'executions': {
    const res = await fetch(`${runtime().sfnUrl}/executions`);
    const list = (await res.json()) as {
      name: string;
      status: string;
      stateTransitions: number;
      startDate: string;
      error?: string;
    }[];
    for (const e of list)
      console.log(
        [e.startDate, e.status, `${e.stateTransitions} transitions`, e.name, e.error ?? ''].join('\t'),
      );
    break;
  }
  default:
    console.log(USAGE);
    if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
}
