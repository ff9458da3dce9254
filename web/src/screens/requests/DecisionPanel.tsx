import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, ok } from '../../api/client';
import { Markdown } from '../../components/Markdown';
import { ErrorState, Loading } from '../../components/States';
import { useApp, useSession } from '../../lib/app-context';
import {
  type CustomDevRequest,
  DECISION_LABEL,
  type Decision,
  fieldError,
  otherErrors,
  requestKey,
} from '../../lib/custom-dev';
import { can } from '../../lib/session';

const DECISIONS: readonly Decision[] = ['approve', 'approve-as-pilot', 'reject'];

/** The approver's decision (If-Match), and once taken: who, when, why, the specification and the pilot. */
export function DecisionPanel({ request: r }: { request: CustomDevRequest }) {
  const session = useSession();
  if (r.decision) return <Decided request={r} />;
  if (r.status !== 'recommended')
    return <p className="sub">An approver decides once the request is recommended.</p>;
  if (!can(session, 'decideCustomDev')) return <p className="sub">Waiting for an approver’s decision.</p>;
  return <DecisionForm request={r} />;
}

function DecisionForm({ request: r }: { request: CustomDevRequest }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const recommended = r.recommendation?.decision;
  const [decision, setDecision] = useState<Decision>(DECISIONS.find((d) => d === recommended) ?? 'approve');
  const [reason, setReason] = useState('');
  const overrides = decision !== recommended;
  const decide = useMutation({
    mutationFn: async () =>
      ok(
        await api.POST('/custom-dev-requests/{id}/decision', {
          params: { path: { id: r.requestId } },
          headers: { 'if-match': `"${r.version}"` },
          body: { decision, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(requestKey(r.requestId), saved);
      void queryClient.invalidateQueries({ queryKey: ['custom-dev-requests'] });
    },
    onError: (error) => {
      // changed meanwhile (a new input re-assessed it): show the latest, keep the choice and reason
      if (error instanceof ApiError && (error.status === 412 || error.status === 409))
        void queryClient.invalidateQueries({ queryKey: requestKey(r.requestId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate();
  };
  const reasonError = fieldError(decide.error, 'reason');
  return (
    <form className="cdr-form decision" onSubmit={submit} noValidate aria-labelledby="dec-h">
      <h3 id="dec-h">Your decision</h3>
      <fieldset>
        <legend>Decision</legend>
        {DECISIONS.map((d) => (
          <label key={d} className="check">
            <input
              type="radio"
              name="decision"
              value={d}
              checked={decision === d}
              onChange={() => setDecision(d)}
            />
            {DECISION_LABEL[d]}
            {d === recommended && <span className="badge approved">recommended</span>}
          </label>
        ))}
      </fieldset>
      {overrides && (
        <p className="warn" id="dec-override">
          This overrides the recommendation ({recommended ? DECISION_LABEL[recommended] : 'none'}): give a
          reason.
        </p>
      )}
      <div className="field">
        <label htmlFor="dec-reason">Reason{overrides ? ' (required)' : ' (optional)'}</label>
        <textarea
          id="dec-reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={
            [overrides && 'dec-override', reasonError && 'dec-reason-err'].filter(Boolean).join(' ') ||
            undefined
          }
        />
        {reasonError && (
          <span id="dec-reason-err" className="error">
            {reasonError}
          </span>
        )}
      </div>
      <button type="submit" disabled={decide.isPending}>
        {decide.isPending ? 'Recording…' : `Decide: ${DECISION_LABEL[decision]}`}
      </button>
      {decide.error && <ErrorState error={otherErrors(decide.error, ['reason'])} />}
    </form>
  );
}

function Decided({ request: r }: { request: CustomDevRequest }) {
  const d = r.decision;
  if (!d) return null;
  return (
    <div className="decided">
      <p className={`verdict ${d.decision === 'reject' ? 'no-bid' : 'bid'}`} data-testid="decision">
        <strong>{DECISION_LABEL[d.decision]}</strong> by {d.by} on{' '}
        <time dateTime={d.at}>{new Date(d.at).toLocaleString('en-GB')}</time>
        {d.overridesRecommendation && ' — overriding the recommendation'}
      </p>
      {d.reason && <blockquote className="reason">“{d.reason}”</blockquote>}
      {r.assessmentError?.stage === 'decision' && (
        <ErrorState error={new Error(`${r.assessmentError.error}: ${r.assessmentError.cause}`)} />
      )}
      {d.decision === 'approve-as-pilot' &&
        (r.pilot?.pilotId ? (
          <p>
            <Link to={`/app/pilots/${r.pilot.pilotId}`}>Open the pilot</Link>{' '}
            <span className="sub">({r.pilot.note})</span>
          </p>
        ) : (
          <p role="status">The pilot is being drafted…</p>
        ))}
      {d.decision !== 'reject' && <Specification request={r} />}
    </div>
  );
}

function Specification({ request: r }: { request: CustomDevRequest }) {
  const { api } = useApp();
  const spec = useQuery({
    queryKey: ['custom-dev-spec', r.requestId, r.specKey],
    enabled: r.specKey !== null,
    queryFn: async () =>
      ok(
        await api.GET('/custom-dev-requests/{id}/spec', {
          params: { path: { id: r.requestId } },
          parseAs: 'text',
        }),
      ),
  });
  const download = () => {
    if (!spec.data) return;
    const url = URL.createObjectURL(new Blob([spec.data], { type: 'text/markdown' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${r.requestId}-specification.md`;
    a.click();
    // released once the click has handed the file to the browser
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <section aria-labelledby="spec-h" className="spec">
      <h2 id="spec-h">Specification</h2>
      {r.specKey === null ? (
        <Loading what="the specification (it is being written)" />
      ) : spec.isPending ? (
        <Loading what="the specification" />
      ) : spec.isError ? (
        <ErrorState error={spec.error} retry={() => void spec.refetch()} />
      ) : (
        <>
          <button type="button" onClick={download}>
            Download the specification (Markdown)
          </button>
          <Markdown text={spec.data} label="Specification" />
        </>
      )}
    </section>
  );
}
