import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ok } from '../../api/client';
import { ErrorState, Loading } from '../../components/States';
import { useApp, useSession } from '../../lib/app-context';
import { money } from '../../lib/format';
import { type PilotDetail as Detail, day, evaluable } from '../../lib/pilots';
import { can } from '../../lib/session';
import { AuditDrawer } from '../AuditDrawer';
import { Charter } from './Charter';
import { Lifecycle } from './Lifecycle';
import { Measurements } from './Measurements';
import { Milestones } from './Milestones';
import { Scope } from './Scope';
import { Scorecard } from './Scorecard';

/** Screen 6b: one pilot — scope, scorecard, lifecycle, measurements and evaluation, milestones, charter. */
export default function PilotDetail() {
  const { id = '' } = useParams();
  const { api } = useApp();
  const session = useSession();
  const pilot = useQuery({
    queryKey: ['pilot', id],
    queryFn: async () => ok(await api.GET('/pilots/{id}', { params: { path: { id } } })),
    // while the evaluation workflow runs, poll until it is evaluated or failed
    refetchInterval: (q) => (q.state.data?.evaluation?.status === 'running' ? 1000 : false),
  });
  if (pilot.isPending) return <Loading what="the pilot" />;
  if (pilot.isError) return <ErrorState error={pilot.error} retry={() => void pilot.refetch()} />;
  const p = pilot.data;
  return (
    <article aria-labelledby="pilot-h" className="pilot">
      <p className="sub">
        <Link to="/app/pilots">← Pilots</Link>
      </p>
      <header className="pilot-header">
        <div>
          <h1 id="pilot-h">{p.title}</h1>
          <p className="sub">
            {p.client} · <span className={`badge pilot-${p.status}`}>{p.status}</span> · {day(p.startDate)} –{' '}
            {day(p.endDate)} ({p.timeZone}) · created by {p.createdBy}
          </p>
          <Origin pilot={p} />
        </div>
        <AuditDrawer subject={{ kind: 'pilot', id: p.id }} />
      </header>
      {p.warnings.length > 0 && (
        <section aria-labelledby="warn-h" className="pilot-warnings">
          <h2 id="warn-h">Warnings</h2>
          <ul>
            {p.warnings.map((w) => (
              <li key={w} className="warn">
                {w}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="pilot-columns">
        <div>
          <Scorecard pilot={p} />
          {can(session, 'editPilot') && evaluable(p.status) && <Measurements pilot={p} />}
          <Scope pilot={p} />
          <Charter pilot={p} />
        </div>
        <div>
          <Lifecycle pilot={p} />
          {p.followOn && <FollowOn pilot={p} />}
          <Milestones pilot={p} />
        </div>
      </div>
    </article>
  );
}

function Origin({ pilot }: { pilot: Detail }) {
  if (!pilot.customDevRequestId && !pilot.tenderId) return null;
  return (
    <p className="sub">
      {pilot.customDevRequestId && (
        <>
          From the custom-development request{' '}
          <Link to={`/app/requests/${pilot.customDevRequestId}`}>{pilot.customDevRequestId}</Link>
        </>
      )}
      {pilot.customDevRequestId && pilot.tenderId && ' · '}
      {pilot.tenderId && (
        <>
          For the tender <Link to={`/app/tenders/${pilot.tenderId}`}>{pilot.tenderId}</Link>
        </>
      )}
    </p>
  );
}

function FollowOn({ pilot }: { pilot: Detail }) {
  const f = pilot.followOn;
  if (!f) return null;
  return (
    <section aria-labelledby="fo-h" className="pilot-panel">
      <h2 id="fo-h">Follow-on contract</h2>
      <p>
        {f.title} with {f.client}:{' '}
        <strong>
          {f.contractValue !== null
            ? money({ amount: f.contractValue, currency: f.currency })
            : 'value to agree'}
        </strong>
        , decision due by <strong>{day(f.decisionBy)}</strong>.
      </p>
      <p className="sub">
        Recorded by {f.recordedBy} on {new Date(f.recordedAt).toLocaleString('en-GB')}.
      </p>
    </section>
  );
}
