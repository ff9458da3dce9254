import { Link, useParams } from 'react-router';
import { ErrorState, Loading } from '../../components/States';
import { useSession } from '../../lib/app-context';
import {
  type CustomDevRequest,
  DECISION_LABEL,
  isRunning,
  neededByText,
  nextStep,
  useRequest,
} from '../../lib/custom-dev';
import { can } from '../../lib/session';
import { AuditDrawer } from '../AuditDrawer';
import { BusinessCaseView } from './BusinessCaseView';
import { CommercialForm, commercialText } from './CommercialForm';
import { DecisionPanel } from './DecisionPanel';
import { StatusBadge } from './RequestsList';
import { TechnicalForm, technicalText } from './TechnicalForm';

/** Screen 6b: one request — what the client asks, the inputs, the business case, recommendation, decision. */
export default function RequestDetail() {
  const { id = '' } = useParams();
  const session = useSession();
  const request = useRequest(id);
  if (request.isPending) return <Loading what="the request" />;
  if (request.isError) return <ErrorState error={request.error} retry={() => void request.refetch()} />;
  const r = request.data;
  // inputs may change until a decision (while assessing too: a newer revision supersedes the running one)
  const editable = can(session, 'assessCustomDev') && r.decision === null;
  return (
    <section aria-labelledby="req-h" className="request">
      <p>
        <Link to="/app/requests">← Custom development</Link>
      </p>
      <header className="ws-head">
        <h1 id="req-h">{r.title}</h1>
        <p className="sub">
          {r.client} · <StatusBadge status={r.status} /> · needed by {neededByText(r)}
        </p>
        <p className="next-step" role="status" aria-live="polite" data-testid="next-step">
          {nextStep(r, session)}
        </p>
        <nav aria-label="Request" className="ws-nav">
          <AuditDrawer subject={{ kind: 'custom-dev-request', id: r.requestId }} />
        </nav>
      </header>
      {r.assessmentError?.stage === 'assessment' && r.status === 'assessment-failed' && (
        <div className="state error" role="alert">
          <strong>The assessment failed</strong>
          <p>
            {r.assessmentError.error}: {r.assessmentError.cause}
          </p>
        </div>
      )}
      <Facts r={r} />

      <h2>Assessment inputs</h2>
      {editable ? (
        <div className="grid-even">
          <TechnicalForm key={`t-${r.requestId}`} request={r} />
          <CommercialForm key={`c-${r.requestId}`} request={r} />
        </div>
      ) : (
        <dl className="facts">
          <dt>Technical assessment</dt>
          <dd>{r.technical ? technicalText(r.technical) : 'not recorded yet'}</dd>
          {r.technical?.conditions && (
            <>
              <dt>Conditions</dt>
              <dd>{r.technical.conditions}</dd>
            </>
          )}
          {r.technical && r.technical.risks.length > 0 && (
            <>
              <dt>Risks</dt>
              <dd>{r.technical.risks.join('; ')}</dd>
            </>
          )}
          <dt>Commercial terms</dt>
          <dd>{r.commercial ? commercialText(r.commercial) : 'not recorded yet'}</dd>
        </dl>
      )}
      {r.status === 'assessing' && (
        <p role="status" className="assessing">
          Assessing… the business case and the recommendation appear here when ready.
        </p>
      )}

      <h2>Recommendation</h2>
      {r.status === 'assessing' && r.recommendation && (
        <p className="warn">
          Being re-assessed: the recommendation and business case below are from the previous inputs.
        </p>
      )}
      {r.recommendation ? (
        <div className="recommendation" data-testid="recommendation">
          <p className={`verdict ${r.recommendation.decision === 'reject' ? 'no-bid' : 'bid'}`}>
            <strong>{DECISION_LABEL[r.recommendation.decision]}</strong>{' '}
            <span className="sub">(rule: {r.recommendation.rule})</span>
          </p>
          <ul>
            {r.recommendation.reasons.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="sub">None yet.</p>
      )}

      <h2>Business case</h2>
      {r.businessCase ? (
        <BusinessCaseView bc={r.businessCase} />
      ) : (
        <p className="sub">
          {isRunning(r)
            ? 'Being computed…'
            : 'Computed once both the technical and commercial inputs are recorded.'}
        </p>
      )}

      <h2>Decision</h2>
      <DecisionPanel request={r} />
    </section>
  );
}

function Facts({ r }: { r: CustomDevRequest }) {
  return (
    <dl className="facts">
      <dt>Client</dt>
      <dd>{r.client}</dd>
      <dt>Problem</dt>
      <dd className="pre">{r.problem}</dd>
      <dt>Requested functionality</dt>
      <dd className="pre">{r.requestedFunctionality}</dd>
      <dt>Needed by</dt>
      <dd>{neededByText(r)}</dd>
      <dt>Strategic fit</dt>
      <dd>{r.strategicFit} of 5</dd>
      {r.vertical && (
        <>
          <dt>Vertical</dt>
          <dd>{r.vertical}</dd>
        </>
      )}
      {r.tenderId && (
        <>
          <dt>From tender</dt>
          <dd>
            <Link
              to={`/app/tenders/${r.tenderId}${r.checklistItemId ? `?item=${encodeURIComponent(r.checklistItemId)}` : ''}`}
            >
              {r.checklistItemId ? 'the requirement in its tender' : 'the tender'}
            </Link>
          </dd>
        </>
      )}
      <dt>Submitted</dt>
      <dd>
        {new Date(r.createdAt).toLocaleString('en-GB')} by {r.createdBy}
      </dd>
    </dl>
  );
}
