import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/client';
import { ErrorState } from '../components/States';
import { useApp, useSession } from '../lib/app-context';
import { can } from '../lib/session';

type SettingName = 'bid-policy' | 'reminder-plan' | 'webhook';

const EXAMPLES: Record<SettingName, { title: string; help: string; example: unknown }> = {
  'bid-policy': {
    title: 'Bid policy',
    help: 'Thresholds and weights of the bid/no-bid score; fields left out take the defaults.',
    example: { bidAt: 65, reviewAt: 45, maxBidSecurityPct: 5 },
  },
  'reminder-plan': {
    title: 'Reminder plan',
    help: 'When reminders go out before each risk level of deadline (ISO-8601 durations) and to whom.',
    example: {
      critical: {
        offsets: ['P7D', 'P3D', 'P1D', 'PT4H'],
        repeatWhileMissed: 'P1D',
        recipients: { roles: ['bid-manager'], owners: true },
      },
    },
  },
  webhook: {
    title: 'Webhook',
    help: 'Where alerts are posted (Slack, Teams, or an allowed host).',
    example: { url: 'https://hooks.slack.com/services/T000/B000/XXXX' },
  },
};

/** Screen 7 (admins): bid policy, reminder plan, webhook. Saved with If-Match; a conflict is shown, not overwritten. */
export default function Settings() {
  const session = useSession();
  if (!can(session, 'settings'))
    return (
      <section>
        <h1>Settings</h1>
        <p>Only administrators change the organisation's settings.</p>
      </section>
    );
  return (
    <section aria-labelledby="st-h">
      <h1 id="st-h">Settings</h1>
      {(Object.keys(EXAMPLES) as SettingName[]).map((name) => (
        <SettingForm key={name} name={name} />
      ))}
    </section>
  );
}

function SettingForm({ name }: { name: SettingName }) {
  const { api } = useApp();
  const meta = EXAMPLES[name];
  const [text, setText] = useState(JSON.stringify(meta.example, null, 2));
  const [version, setVersion] = useState(0);
  const [parseError, setParseError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (body: unknown) => {
      const res = await api.PUT('/settings/{name}', {
        params: { path: { name } },
        headers: { 'if-match': `"${version}"` },
        body: {},
        bodySerializer: () => JSON.stringify(body),
      });
      if (res.error !== undefined || !res.response.ok)
        throw new ApiError(res.response.status, {
          detail: res.error?.detail ?? `answered ${res.response.status}`,
        });
      return Number((res.response.headers.get('etag') ?? '"0"').replaceAll('"', ''));
    },
    onSuccess: (v) => setVersion(v),
  });
  const current =
    save.error instanceof ApiError && save.error.status === 412
      ? /version (\d+)/.exec(save.error.message)?.[1]
      : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const body: unknown = JSON.parse(text);
      setParseError(null);
      save.mutate(body);
    } catch (err) {
      setParseError(`not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const id = `setting-${name}`;
  return (
    <form onSubmit={submit} className="setting" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{meta.title}</h2>
      <p className="sub">{meta.help}</p>
      <label htmlFor={id}>{meta.title} (JSON)</label>
      <textarea id={id} rows={8} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      <button type="submit" disabled={save.isPending}>
        Save {meta.title.toLowerCase()}
      </button>
      {parseError && (
        <p className="error" role="alert">
          {parseError}
        </p>
      )}
      {save.isSuccess && <p role="status">Saved (version {save.data}).</p>}
      {current !== undefined ? (
        <div className="conflict" role="alert">
          Someone else saved this setting since (it is now at version {current}). Your text is kept.{' '}
          <button type="button" onClick={() => setVersion(Number(current))}>
            Replace version {current} with mine on the next save
          </button>
        </div>
      ) : (
        save.isError && <ErrorState error={save.error} />
      )}
    </form>
  );
}
