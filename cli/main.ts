import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { roles } from '../functions/lib/roles.ts';
import { dataDirFrom, defaultDataDir, withDataDir } from '../infra/local/data-dir.mjs';
import { mintToken } from '../infra/local/keys.ts';

// Light on purpose: `token` and `--help` load only node: built-ins, jose and a few small project modules
// (cli/bin.mjs runs them with Node's own type stripping); `sweep` imports the alert-sweep handler when run.

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  usage: string;
  summary: string;
  /** the option lines of `tenderflow <command> --help` */
  details: string[];
  options: Options;
  /** names of the positional arguments it takes (at most this many) */
  positionals: string[];
}

const help = { type: 'boolean', short: 'h' } as const;

const commands = {
  token: {
    usage: 'token --org ORG --user USER --role ROLE [--role ROLE ...] [--ttl SECONDS]',
    summary: 'print a token the local stack accepts, signed with the key in its data folder',
    details: [
      '--org ORG        the organisation (the token\'s "custom:org")',
      '--user USER      the user name',
      `--role ROLE      a role, repeatable: ${roles.join(', ')}`,
      '--ttl SECONDS    lifetime (default 8 hours)',
    ],
    options: {
      org: { type: 'string' },
      user: { type: 'string' },
      role: { type: 'string', multiple: true },
      ttl: { type: 'string' },
      help,
    },
    positionals: [],
  },
  import: {
    usage: 'import FILE --org ORG [--user USER] [--ocid OCID] [--time-zone ZONE]',
    summary: "import an OCDS document (POST /tenders/import as a bid manager); prints the API's answer",
    details: [
      'FILE             the OCDS release, record or package (JSON)',
      '--org ORG        the organisation to import into',
      '--user USER      who imports it (default "cli")',
      '--ocid OCID      which process, when the document holds several',
      "--time-zone ZONE the buyer's IANA time zone, when the document does not say",
    ],
    options: {
      org: { type: 'string' },
      user: { type: 'string' },
      ocid: { type: 'string' },
      'time-zone': { type: 'string' },
      help,
    },
    positionals: ['FILE'],
  },
  sweep: {
    usage: 'sweep [--at ISO-INSTANT]',
    summary: 'run the alert sweep once, as of that instant (alerts print in the npm start console)',
    details: ['--at INSTANT     an ISO-8601 instant, e.g. 2026-12-01T09:00:00Z (default: now)'],
    options: { at: { type: 'string' }, help },
    positionals: [],
  },
  executions: {
    usage: 'executions',
    summary: 'list the local workflow executions (start, status, state transitions, name, error)',
    details: [],
    options: { help },
    positionals: [],
  },
} satisfies Record<string, Command>;

type CommandName = keyof typeof commands;
const isCommand = (name: string | undefined): name is CommandName =>
  name !== undefined && Object.hasOwn(commands, name);

const ENVIRONMENT = `Environment: TENDERFLOW_DATA, the data folder of the stack to talk to: the same folder \`npm start\`
uses (default ${defaultDataDir}).`;

const USAGE = `tenderflow <command> [options]     (talks to the local stack started by \`npm start\`)

${Object.values(commands)
  .map((c) => `  ${c.usage}\n          ${c.summary}`)
  .join('\n')}

\`tenderflow <command> --help\` describes a command's options.
${ENVIRONMENT}`;

const commandUsage = (name: CommandName) => {
  const c: Command = commands[name];
  return `tenderflow ${c.usage}

${c.summary}
${c.details.length ? `\n${c.details.map((d) => `  ${d}`).join('\n')}\n` : ''}
${ENVIRONMENT}`;
};

class UsageError extends Error {}

/** A user's mistake: one sentence on stderr, exit code 2, no stack trace. */
function fail(message: string): never {
  throw new UsageError(message);
}

/** parseArgs' own errors, said in one sentence with the command's name. */
function parse(name: CommandName, args: string[]) {
  const c: Command = commands[name];
  try {
    return parseArgs({ args, options: c.options, allowPositionals: true, strict: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
    const see = `(see \`tenderflow ${name} --help\`)`;
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      fail(`tenderflow ${name}: unknown option ${quoted.split(' ')[0]} ${see}`);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      fail(`tenderflow ${name}: ${quoted.split(' ')[0] || 'an option'} needs a value ${see}`);
    if (e.code?.startsWith('ERR_PARSE_ARGS')) fail(`tenderflow ${name}: ${e.message} ${see}`);
    throw error;
  }
}

const dataDir = dataDirFrom(process.env);
const elsewhere = (command: string) => withDataDir('/path/to/its/data', `npx tenderflow ${command}`);

/** The signing key `npm start` keeps in the data folder, or a sentence saying where it looked. */
function requireKeys(command: string): void {
  const key = join(dataDir, 'keys', 'private.jwk.json');
  if (existsSync(key)) return;
  fail(
    `no signing key in ${join(dataDir, 'keys')}: start the local stack once with \`npm start\` (it creates the ` +
      `keys there), or, if it runs with another data folder, point at it: ${elsewhere(command)}`,
  );
}

function runtime(command: string): { apiUrl: string; sfnUrl: string; env: Record<string, string> } {
  const file = join(dataDir, 'runtime.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return fail(
      `the local stack is not running for ${dataDir} (no ${file}): start it with \`npm start\`, or, if it ` +
        `runs with another data folder, point at it: ${elsewhere(command)}`,
    );
  }
}

/** fetch, with a refused connection said as a sentence (runtime.json left behind by a killed stack). */
async function call(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    console.error(
      `the local stack for ${dataDir} does not answer at ${new URL(url).origin}: is \`npm start\` still running?`,
    );
    process.exit(1);
  }
}

async function run(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic === undefined) return void console.log(USAGE);
    if (!isCommand(topic))
      fail(`tenderflow help: no command "${topic}"; commands: ${Object.keys(commands).join(', ')}`);
    return void console.log(commandUsage(topic));
  }
  if (!isCommand(name))
    fail(
      `tenderflow: no command "${name}"; commands: ${Object.keys(commands).join(', ')} (see \`tenderflow --help\`)`,
    );
  const { values, positionals } = parse(name, rest);
  if (values.help) return void console.log(commandUsage(name));
  const expected = (commands[name] as Command).positionals;
  if (positionals.length > expected.length)
    fail(
      `tenderflow ${name}: unexpected argument ${JSON.stringify(positionals[expected.length])} (see \`tenderflow ${name} --help\`)`,
    );
  const text = (key: string) => {
    const v = values[key];
    return typeof v === 'string' ? v : undefined;
  };

  switch (name) {
    case 'token': {
      const [org, user] = [text('org'), text('user')];
      const asked = values.role;
      const wanted = Array.isArray(asked) ? asked.filter((r): r is string => typeof r === 'string') : [];
      const missing = [!org && '--org', !user && '--user', !wanted.length && '--role'].filter(Boolean);
      if (missing.length || !org || !user)
        fail(`tenderflow token needs ${missing.join(', ')} (see \`tenderflow token --help\`)`);
      const unknown = wanted.filter((r) => !(roles as readonly string[]).includes(r));
      if (unknown.length)
        fail(`tenderflow token: unknown role ${unknown.join(', ')}; the roles are ${roles.join(', ')}`);
      const ttlText = text('ttl');
      const ttl = ttlText === undefined ? undefined : Number(ttlText);
      if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0))
        fail(
          `tenderflow token: --ttl must be a whole number of seconds above 0, not ${JSON.stringify(ttlText)}`,
        );
      requireKeys('token …');
      console.log(await mintToken(dataDir, { org, user, roles: wanted, ttlSeconds: ttl }));
      return;
    }
    case 'import': {
      const file = positionals[0];
      const org = text('org');
      if (!file || !org)
        fail(
          `tenderflow import needs ${[!file && 'a FILE', !org && '--org'].filter(Boolean).join(' and ')} (see \`tenderflow import --help\`)`,
        );
      let body: Buffer;
      try {
        body = readFileSync(resolve(file));
      } catch (error) {
        return fail(`tenderflow import: cannot read ${resolve(file)}: ${(error as Error).message}`);
      }
      requireKeys('import …');
      const { apiUrl } = runtime('import …');
      const token = await mintToken(dataDir, { org, user: text('user') ?? 'cli', roles: ['bid-manager'] });
      const query = new URLSearchParams();
      const ocid = text('ocid');
      const timeZone = text('time-zone');
      if (ocid) query.set('ocid', ocid);
      if (timeZone) query.set('timeZone', timeZone);
      const res = await call(`${apiUrl}/tenders/import${query.size ? `?${query}` : ''}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: new Uint8Array(body),
      });
      console.log(res.status, await res.text());
      if (!res.ok) process.exitCode = 1;
      return;
    }
    case 'sweep': {
      const at = text('at') ?? new Date().toISOString();
      if (Number.isNaN(Date.parse(at)))
        fail(`tenderflow sweep: --at must be an ISO-8601 instant (e.g. 2026-12-01T09:00:00Z), not ${at}`);
      Object.assign(process.env, runtime('sweep …').env);
      const { handler } = await import('../functions/jobs/alert-sweep.ts');
      console.log(JSON.stringify(await handler({ at: new Date(at).toISOString() })));
      return;
    }
    case 'executions': {
      const res = await call(`${runtime('executions').sfnUrl}/executions`);
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
      return;
    }
  }
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
