import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ok } from '../api/client';
import { ErrorState, Loading } from '../components/States';
import { useApp } from '../lib/app-context';
import { byCriterion } from '../lib/items';
import { useChecklist, useTender } from '../lib/use-checklist';

/** Screen 3: are we ready, and what blocks us — coverage per criterion and lot, blockers, the bid/no-bid score. */
export default function Readiness() {
  const { id = '' } = useParams();
  const { api } = useApp();
  const tender = useTender(id);
  const checklist = useChecklist(id, tender.data?.status === 'ready');
  const readiness = useQuery({
    queryKey: ['readiness', id],
    queryFn: async () => ok(await api.GET('/tenders/{id}/readiness', { params: { path: { id } } })),
  });
  const decision = useQuery({
    queryKey: ['bid-decision', id],
    queryFn: async () => ok(await api.GET('/tenders/{id}/bid-decision', { params: { path: { id } } })),
  });
  const perCriterion = useMemo(
    () =>
      byCriterion(checklist.data ?? []).map((c) => {
        const items = c.groups.flatMap((g) => g.items);
        const done = items.filter((i) => i.status === 'approved').length;
        return { name: c.criterionId, title: c.title, approved: done, open: items.length - done };
      }),
    [checklist.data],
  );
  const itemOf = (key: string) => checklist.data?.find((i) => i.key === key);

  if (readiness.isPending || tender.isPending) return <Loading what="readiness" />;
  if (tender.isError) return <ErrorState error={tender.error} />;
  if (readiness.isError) return <ErrorState error={readiness.error} retry={() => void readiness.refetch()} />;
  const r = readiness.data;
  return (
    <section aria-labelledby="rd-h" className="readiness">
      <p>
        <Link to={`/app/tenders/${id}`}>← {tender.data.title ?? tender.data.ocid}</Link>
      </p>
      <h1 id="rd-h">Readiness</h1>
      <p className={`verdict ${r.ready ? 'ready' : 'blocked'}`} data-testid="verdict">
        {r.ready
          ? 'Ready to submit'
          : `Not ready: ${r.blockers.length} blocker${r.blockers.length === 1 ? '' : 's'}`}{' '}
        · {r.coverage.approved} of {r.coverage.mandatory} mandatory requirements approved (
        {Math.round(r.coverage.ratio * 100)}%)
      </p>
      <div className="grid2">
        <figure>
          <figcaption>Coverage per criterion</figcaption>
          <ResponsiveContainer width="100%" height={Math.max(160, perCriterion.length * 36)}>
            <BarChart data={perCriterion} layout="vertical" margin={{ left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={80} />
              <Tooltip />
              <Legend />
              <Bar isAnimationActive={false} dataKey="approved" stackId="a" fill="#1b7f3b" name="approved" />
              <Bar
                isAnimationActive={false}
                dataKey="open"
                stackId="a"
                fill="#c2410c"
                name="not yet approved"
              />
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <figure>
          <figcaption>Lots</figcaption>
          {r.perLot.length === 0 ? (
            <p className="sub">This tender has no lots.</p>
          ) : (
            <ul className="lots">
              {r.perLot.map((l) => (
                <li key={l.lotId}>
                  Lot {l.lotId}:{' '}
                  <span className={`badge ${l.ready ? 'ready' : 'blocked'}`}>
                    {l.ready ? 'ready' : `${l.blockers} blockers`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </figure>
      </div>
      <h2>Blockers</h2>
      {r.blockers.length === 0 ? (
        <p>Nothing blocks this bid.</p>
      ) : (
        <ul className="blockers">
          {r.blockers.map((b) => (
            <li key={`${b.code}:${b.criterionId}:${b.lotId}:${b.requirementKeys.join(',')}`}>
              <strong>{b.reason}</strong> <span className="sub">({b.code})</span>
              {b.requirementKeys.map((k) => {
                const item = itemOf(k);
                return item ? (
                  <Link key={k} className="chip" to={`/app/tenders/${id}?item=${item.itemId}`}>
                    {k}
                  </Link>
                ) : (
                  <code key={k}>{k}</code>
                );
              })}
            </li>
          ))}
        </ul>
      )}
      <h2>Bid / no-bid</h2>
      {decision.isPending ? (
        <Loading what="the bid/no-bid score" />
      ) : decision.isError ? (
        <ErrorState error={decision.error} />
      ) : (
        <>
          <p className={`verdict ${decision.data.recommendation}`}>
            Score {decision.data.score}/100 — recommendation: <strong>{decision.data.recommendation}</strong>
          </p>
          <ResponsiveContainer width="100%" height={Math.max(160, decision.data.factors.length * 40)}>
            <BarChart data={decision.data.factors} layout="vertical" margin={{ left: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis type="number" domain={[0, 100]} />
              <YAxis type="category" dataKey="name" width={90} />
              <Tooltip />
              <Bar isAnimationActive={false} dataKey="score" fill="#1d4ed8" name="factor score" />
            </BarChart>
          </ResponsiveContainer>
          <ul>
            {decision.data.factors.map((f) => (
              <li key={f.name}>
                <strong>{f.name}</strong> (weight {f.weight}): {f.detail}
              </li>
            ))}
            {decision.data.reasons.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
