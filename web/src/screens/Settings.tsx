import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, ok } from '../api/client';
import { ErrorState, Loading } from '../components/States';
import { useApp, useSession } from '../lib/app-context';
import { can } from '../lib/session';
import { SETTING_NAMES, SETTINGS, type SettingName, versionOf } from '../lib/settings';

/**
 * Screen 7 (admins): every organisation setting, loaded as stored (GET, with its version) or, never set,
 * from a starting point. Saved with If-Match; a conflict is shown, never overwritten silently.
 */
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
      {SETTING_NAMES.map((name) => (
        <Setting key={name} name={name} />
      ))}
    </section>
  );
}

/** The body as stored: the confirmation of an implausible calendar is not part of the setting. */
function withoutConfirmation(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('confirmImplausible' in body))
    return body;
  const { confirmImplausible: _, ...value } = body;
  return value;
}

interface Stored {
  value: unknown;
  version: number;
}

function useStoredSetting(name: SettingName) {
  const { api } = useApp();
  return useQuery({
    queryKey: ['setting', name],
    // read once; a newer version is loaded only when the admin asks (never under their typing)
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    queryFn: async (): Promise<Stored | null> => {
      const res = await api.GET('/settings/{name}', { params: { path: { name } } });
      if (res.response.status === 404) return null; // never set: the defaults apply
      return { value: ok(res).value, version: versionOf(res.response.headers.get('etag')) };
    },
  });
}

function Setting({ name }: { name: SettingName }) {
  const stored = useStoredSetting(name);
  const [generation, setGeneration] = useState(0);
  const meta = SETTINGS[name];
  if (stored.isPending) return <Loading what={meta.title.toLowerCase()} />;
  if (stored.isError) return <ErrorState error={stored.error} retry={() => void stored.refetch()} />;
  // the editor starts from what is stored; a new generation (the admin's "load") restarts it
  const reload = () => void stored.refetch().then(() => setGeneration((g) => g + 1));
  return (
    <SettingForm
      key={generation}
      name={name}
      initial={stored.data ?? { value: meta.example, version: 0 }}
      isSet={stored.data !== null}
      reload={reload}
    />
  );
}

function SettingForm({
  name,
  initial,
  isSet,
  reload,
}: {
  name: SettingName;
  initial: Stored;
  isSet: boolean;
  reload: () => void;
}) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const meta = SETTINGS[name];
  const [text, setText] = useState(JSON.stringify(initial.value, null, 2));
  const [version, setVersion] = useState(initial.version);
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
          errors: res.error?.errors,
        });
      return versionOf(res.response.headers.get('etag'));
    },
    onSuccess: (v, body) => {
      setVersion(v);
      // what is stored now, for the next visit to this screen (the form itself stays as typed)
      const now: Stored = { value: withoutConfirmation(body), version: v };
      queryClient.setQueryData(['setting', name], () => now);
    },
  });
  const current =
    save.error instanceof ApiError && save.error.status === 412
      ? /version (\d+)/.exec(save.error.message)?.[1]
      : undefined;
  // a working calendar the API finds implausible: its reasons are listed; the admin may keep it anyway
  const implausible =
    save.error instanceof ApiError &&
    save.error.status === 400 &&
    /confirmImplausible/.test(save.error.message);
  const confirm = () => {
    const body = save.variables;
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      save.mutate({ ...body, confirmImplausible: true });
  };
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
      <p className="sub" data-testid={`${id}-state`}>
        {isSet
          ? `Loaded version ${initial.version}.`
          : 'Not set yet: the defaults apply. The text below is a starting point.'}
      </p>
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
          </button>{' '}
          <button type="button" onClick={reload}>
            Discard mine and load version {current}
          </button>
        </div>
      ) : (
        save.isError && <ErrorState error={save.error} />
      )}
      {implausible && (
        <div className="conflict" data-testid={`${id}-confirm`}>
          <p>
            The calendar looks wrong for the reasons above. Correct it, or keep it as it is: deadlines will be
            counted with it, and your confirmation is recorded in the audit trail.
          </p>
          <button type="button" onClick={confirm} disabled={save.isPending}>
            Keep this calendar anyway
          </button>
        </div>
      )}
    </form>
  );
}
