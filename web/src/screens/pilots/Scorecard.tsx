import { num, type PilotDetail, RECOMMENDATION_TEXT, targetText } from '../../lib/pilots';

const pct = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The criteria scorecard: per criterion its baseline, target, latest measured value, pass and on-track,
 * progress as a meter with its text, must-pass and weight; then the evaluation's score and recommendation.
 */
export function Scorecard({ pilot }: { pilot: PilotDetail }) {
  const ev = pilot.evaluation;
  const results = ev?.status === 'evaluated' ? (ev.results ?? []) : [];
  const totalWeight = pilot.criteria.reduce((s, c) => s + c.weight, 0);
  return (
    <section aria-labelledby="sc-h" className="pilot-panel">
      <h2 id="sc-h">Criteria scorecard</h2>
      {ev?.status === 'running' && (
        <p className="state" role="status">
          Evaluating {ev.measurements.length} measurement{ev.measurements.length === 1 ? '' : 's'}… (requested
          by {ev.requestedBy}); the results appear here when the workflow finishes.
        </p>
      )}
      {ev?.status === 'evaluation-failed' && (
        <div className="state error" role="alert">
          <strong>The evaluation failed</strong>
          <p>
            {ev.failure?.error}: {ev.failure?.cause}
          </p>
        </div>
      )}
      <div className="table-wrap">
        <table className="scorecard">
          <caption className="sr-only">Success criteria of {pilot.title}</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Weight</th>
              <th scope="col">Baseline</th>
              <th scope="col">Target</th>
              <th scope="col">Latest</th>
              <th scope="col">Progress</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {pilot.criteria.map((c) => {
              const r = results.find((x) => x.criterionId === c.id);
              const progress = r?.progress ?? null;
              return (
                <tr key={c.id} data-testid={`criterion-${c.id}`}>
                  <th scope="row">
                    {c.metric}
                    {c.mustPass && <span className="badge must-pass">must pass</span>}
                    {c.measurementMethod && <div className="sub">{c.measurementMethod}</div>}
                  </th>
                  <td data-label="Weight">
                    {num(c.weight)}
                    {totalWeight > 0 && <div className="sub">{pct(c.weight / totalWeight)} of the score</div>}
                  </td>
                  <td data-label="Baseline">
                    {num(c.baseline)} {c.unit}
                  </td>
                  <td data-label="Target">{targetText(c)}</td>
                  <td data-label="Latest">
                    {r && r.value !== null ? (
                      <>
                        {num(r.value)} {c.unit}
                        <div className="sub">
                          {r.measurements} measurement{r.measurements === 1 ? '' : 's'}
                        </div>
                      </>
                    ) : (
                      <span className="sub">not measured</span>
                    )}
                  </td>
                  <td data-label="Progress">
                    {progress === null ? (
                      <span className="sub">—</span>
                    ) : (
                      <>
                        <meter
                          min={0}
                          max={1}
                          low={0.5}
                          high={0.99}
                          optimum={1}
                          value={Math.max(0, Math.min(1, progress))}
                          aria-label={`Progress of ${c.metric}`}
                        />
                        <div className="sub">{pct(progress)} of the way from baseline to target</div>
                      </>
                    )}
                  </td>
                  <td data-label="Result">
                    {r ? (
                      <>
                        <span className={`badge ${r.pass ? 'ok' : 'missed'}`}>
                          {r.pass ? 'pass' : 'fail'}
                        </span>{' '}
                        <span className={`badge ${r.onTrack ? 'ok' : 'soon'}`}>
                          {r.onTrack ? 'on track' : 'off track'}
                        </span>
                        {r.margin !== null && (
                          <div className="sub">
                            {r.margin >= 0 ? '+' : ''}
                            {num(r.margin)} {c.unit} vs target
                          </div>
                        )}
                      </>
                    ) : (
                      <span className="sub">not evaluated</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {ev?.status === 'evaluated' && ev.score !== undefined && ev.recommendation && (
        <div className={`verdict pilot-${ev.recommendation}`} data-testid="recommendation">
          <p>
            <strong>Score {Math.round(ev.score)} / 100</strong>{' '}
            <meter min={0} max={100} value={ev.score} aria-label="Overall score" /> · Recommendation:{' '}
            <strong>{RECOMMENDATION_TEXT[ev.recommendation]}</strong>
          </p>
          {ev.reasons && ev.reasons.length > 0 && (
            <ul aria-label="Reasons">
              {ev.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          <p className="sub">
            Evaluated {ev.evaluatedAt ? new Date(ev.evaluatedAt).toLocaleString('en-GB') : ''} from{' '}
            {ev.measurements.length} measurements recorded by {ev.requestedBy}.
          </p>
        </div>
      )}
    </section>
  );
}
