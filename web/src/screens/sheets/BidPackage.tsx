import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import * as z from 'zod/mini';
import { ApiError, ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { Field } from '../../components/Field';
import { ErrorState } from '../../components/States';
import { useApp } from '../../lib/app-context';

type Built = paths['/tenders/{id}/package']['post']['responses'][201]['content']['application/json'];

/** 409: not ready — the API's detail and its blockers (the same as the readiness screen's). */
const NotReady = z.object({
  detail: z.string(),
  blockers: z.array(
    z.object({
      code: z.string(),
      criterionId: z.nullable(z.string()),
      requirementKeys: z.array(z.string()),
      lotId: z.nullable(z.string()),
      reason: z.string(),
    }),
  ),
});
type NotReady = z.infer<typeof NotReady>;

const kb = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function Manifest({ built }: { built: Built }) {
  const files = built.manifest.files;
  const total = files.reduce((n, f) => n + f.bytes, 0);
  return (
    <div className="package-result" role="status" aria-live="polite">
      <p>
        <strong>Bid package built</strong>
        {built.forced && ' (forced although not ready; recorded in the audit trail)'}: {files.length} file
        {files.length === 1 ? '' : 's'}, {kb(total)}.
      </p>
      <p>
        <a href={built.downloadUrl} download>
          Download the bid package (ZIP)
        </a>{' '}
        <span className="sub">
          the link works until{' '}
          <time dateTime={built.expiresAt}>{new Date(built.expiresAt).toLocaleTimeString('en-GB')}</time>
        </span>
      </p>
      <details>
        <summary>Manifest</summary>
        <ul className="manifest">
          {files.map((f) => (
            <li key={f.name}>
              <code>{f.name}</code> — {kb(f.bytes)}, SHA-256{' '}
              <code title={f.sha256}>{f.sha256.slice(0, 12)}…</code>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/**
 * Build the bid package (POST /tenders/{id}/package). When the tender is not ready the API refuses
 * with its blockers; the bid manager may build it anyway with a reason (audited).
 */
export function BidPackage({ tenderId }: { tenderId: string }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const reasonId = useId();
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<NotReady | null>(null);
  const [built, setBuilt] = useState<Built | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const build = async (force?: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.POST('/tenders/{id}/package', {
        params: { path: { id: tenderId } },
        body: force ? { force } : {},
      });
      if (res.response.status === 409) {
        const parsed = z.safeParse(NotReady, res.error);
        if (parsed.success) {
          setBuilt(null);
          return setRefused(parsed.data);
        }
      }
      setBuilt(ok(res));
      void queryClient.invalidateQueries({ queryKey: ['audit', 'tender', tenderId] });
      setRefused(null);
    } catch (err) {
      setError(err);
      const field =
        err instanceof ApiError ? err.problem.errors?.find((e) => e.path.startsWith('force')) : undefined;
      if (field) setReasonError(field.message);
    } finally {
      setBusy(false);
    }
  };
  const force = (e: FormEvent) => {
    e.preventDefault();
    const r = reason.trim();
    if (r.length < 3 || r.length > 1000)
      return setReasonError(
        'required: why the package is built although the tender is not ready (3 to 1,000 characters)',
      );
    setReasonError(null);
    void build({ reason: r });
  };

  return (
    <div className="sheet-tool">
      <button type="button" disabled={busy} onClick={() => void build()}>
        Build bid package
      </button>
      {busy && (
        <span role="status" className="sub">
          {' '}
          Building the package…
        </span>
      )}
      {error !== null && <ErrorState error={error} />}
      {refused && (
        <div className="package-refused">
          <div role="alert">
            <strong>Not built: the tender is not ready.</strong> {refused.detail}
          </div>
          <ul className="blockers">
            {refused.blockers.map((b) => (
              <li key={`${b.code}:${b.criterionId}:${b.lotId}:${b.requirementKeys.join(',')}`}>
                <span className="badge">{b.code}</span> {b.reason}
                {b.requirementKeys.length > 0 && (
                  <span className="sub"> ({b.requirementKeys.join(', ')})</span>
                )}
              </li>
            ))}
          </ul>
          <form onSubmit={force} noValidate className="force-form">
            <Field id={reasonId} label="Reason for building it anyway" error={reasonError ?? undefined}>
              {(control) => (
                <textarea
                  {...control}
                  required
                  rows={2}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" disabled={busy}>
              Build anyway
            </button>
          </form>
        </div>
      )}
      {built && <Manifest built={built} />}
    </div>
  );
}
