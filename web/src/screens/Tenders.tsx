import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ok, type Tender } from '../api/client';
import { Empty, ErrorState, Loading } from '../components/States';
import { useApp, useSession } from '../lib/app-context';
import { bothZones, money, timeLeft } from '../lib/format';
import { can } from '../lib/session';
import { useNow } from '../lib/use-now';
import { ImportDrop } from './ImportDrop';

/** Screen 1: the organisation's tenders, with time left and readiness; import by file drop. */
export function Tenders() {
  const { api } = useApp();
  const session = useSession();
  const now = useNow();
  const tenders = useQuery({
    queryKey: ['tenders'],
    queryFn: async () => ok(await api.GET('/tenders', { params: { query: { limit: 100 } } })).items,
    refetchInterval: (q) => (q.state.data?.some((t) => t.status === 'importing') ? 1500 : false),
  });
  const readiness = useQueries({
    queries: (tenders.data ?? []).map((t) => ({
      queryKey: ['readiness', t.id],
      queryFn: async () => ok(await api.GET('/tenders/{id}/readiness', { params: { path: { id: t.id } } })),
      enabled: t.status === 'ready',
    })),
  });

  return (
    <section aria-labelledby="tenders-h">
      <h1 id="tenders-h">Tenders</h1>
      {can(session, 'import') && <ImportDrop />}
      {tenders.isPending ? (
        <Loading what="tenders" />
      ) : tenders.isError ? (
        <ErrorState error={tenders.error} retry={() => void tenders.refetch()} />
      ) : tenders.data.length === 0 ? (
        <Empty>
          No tenders yet.{' '}
          {can(session, 'import')
            ? "Drop a published tender (OCDS or Prozorro JSON) or the buyer's requirement list (XLSX, CSV) above to import it."
            : 'Ask a bid manager to import one.'}
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="tenders">
            <caption className="sr-only">Tenders of {session.org}</caption>
            <thead>
              <tr>
                <th scope="col">Tender</th>
                <th scope="col">Status</th>
                <th scope="col">Buyer</th>
                <th scope="col">Value</th>
                <th scope="col">Submission</th>
                <th scope="col">Readiness</th>
              </tr>
            </thead>
            <tbody>
              {tenders.data.map((t, i) => (
                <TenderRow key={t.id} tender={t} now={now} readiness={readiness[i]?.data} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TenderRow({
  tender: t,
  now,
  readiness,
}: {
  tender: Tender;
  now: number;
  readiness: { ready: boolean; coverage: { ratio: number } } | undefined;
}) {
  const end = t.periods?.tender?.end;
  return (
    <tr>
      <th scope="row">
        <Link to={`/app/tenders/${t.id}`}>{t.title ?? t.ocid}</Link>
        <div className="sub">{t.ocid}</div>
      </th>
      <td>
        <span className={`badge ${t.status}`}>{t.status}</span>
      </td>
      <td>{t.buyer?.name ?? '—'}</td>
      <td>{money(t.value)}</td>
      <td>
        {end ? (
          <>
            <strong>{timeLeft(end, now)}</strong>
            <div className="sub">{bothZones(end, t.timeZone)}</div>
          </>
        ) : (
          '—'
        )}
      </td>
      <td>
        {readiness ? (
          <span className={`badge ${readiness.ready ? 'ready' : 'blocked'}`}>
            {readiness.ready ? 'ready' : `${Math.round(readiness.coverage.ratio * 100)}% covered`}
          </span>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
