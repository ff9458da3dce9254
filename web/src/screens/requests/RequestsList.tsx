import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ok } from '../../api/client';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useApp, useSession } from '../../lib/app-context';
import { type CdrStatus, type CustomDevRequest, neededByText, STATUSES } from '../../lib/custom-dev';
import { can } from '../../lib/session';
import { NewRequest } from './NewRequest';

const PAGE = 25;

/** Screen 6a: the organisation's custom-development requests, newest first, filtered by status and client. */
export default function RequestsList() {
  const { api } = useApp();
  const session = useSession();
  const [status, setStatus] = useState<CdrStatus | ''>('');
  const [client, setClient] = useState('');
  const clientFilter = client.trim();
  const list = useInfiniteQuery({
    queryKey: ['custom-dev-requests', status, clientFilter],
    initialPageParam: '',
    queryFn: async ({ pageParam }) =>
      ok(
        await api.GET('/custom-dev-requests', {
          params: {
            query: {
              limit: PAGE,
              ...(status ? { status } : {}),
              ...(clientFilter ? { client: clientFilter } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((r) => r.status === 'assessing')) ? 2000 : false,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = status !== '' || clientFilter !== '';

  return (
    <section aria-labelledby="cdr-h" className="requests">
      <header className="requests-head">
        <h1 id="cdr-h">Custom development</h1>
        {can(session, 'requestCustomDev') && <NewRequest />}
      </header>
      <p className="sub">
        Requests from clients for functionality the product lacks: assessed, costed, recommended and decided.
      </p>
      <form className="filters" aria-label="Filter requests" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select
            value={status}
            onChange={(e) => setStatus(STATUSES.find((s) => s === e.target.value) ?? '')}
          >
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Client
          <input value={client} onChange={(e) => setClient(e.target.value)} placeholder="exact client name" />
        </label>
      </form>
      {list.isPending ? (
        <Loading what="requests" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : rows.length === 0 && !list.hasNextPage ? (
        <Empty>
          {filtered
            ? 'No request matches these filters.'
            : can(session, 'requestCustomDev')
              ? 'No custom-development requests yet. Use “New request” above, or “Request custom development” on a requirement in a tender’s workspace.'
              : 'No custom-development requests yet. A product manager or bid manager can start one, here or from a requirement in a tender.'}
        </Empty>
      ) : (
        <>
          {rows.length === 0 && (
            <p className="sub">No match among the newest requests: load more to look further.</p>
          )}
          <div className="table-wrap" hidden={rows.length === 0}>
            <table className="cdr-table">
              <caption className="sr-only">
                Custom-development requests of {session.org}, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Client</th>
                  <th scope="col">Status</th>
                  <th scope="col">Needed by</th>
                  <th scope="col">Fit</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <RequestRow key={r.requestId} r={r} />
                ))}
              </tbody>
            </table>
          </div>
          {list.hasNextPage && (
            <button
              type="button"
              onClick={() => void list.fetchNextPage()}
              disabled={list.isFetchingNextPage}
            >
              {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function RequestRow({ r }: { r: CustomDevRequest }) {
  return (
    <tr>
      <th scope="row">
        <Link to={`/app/requests/${r.requestId}`}>{r.title}</Link>
        <div className="sub">submitted {new Date(r.createdAt).toLocaleDateString('en-GB')}</div>
      </th>
      <td>{r.client}</td>
      <td>
        <StatusBadge status={r.status} />
      </td>
      <td>{neededByText(r)}</td>
      <td>{r.strategicFit} of 5</td>
    </tr>
  );
}

export function StatusBadge({ status }: { status: CdrStatus }) {
  return <span className={`badge cdr-${status}`}>{status.replace('-', ' ')}</span>;
}
