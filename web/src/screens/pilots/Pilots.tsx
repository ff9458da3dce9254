import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { ok } from '../../api/client';
import { Empty, ErrorState, Loading } from '../../components/States';
import { useApp, useSession } from '../../lib/app-context';
import { money } from '../../lib/format';
import { day, PILOT_STATUSES, type Pilot, type PilotStatus } from '../../lib/pilots';
import { can } from '../../lib/session';
import { NewPilot } from './NewPilot';

const PAGE = 25;

/** Screen 6b: the organisation's pilots, newest first, filtered by status and client, a page at a time. */
export default function Pilots() {
  const { api } = useApp();
  const session = useSession();
  const [status, setStatus] = useState<PilotStatus | ''>('');
  const [clientInput, setClientInput] = useState('');
  const client = useDeferredValue(clientInput.trim());
  const [creating, setCreating] = useState(false);
  const pilots = useInfiniteQuery({
    queryKey: ['pilots', { status, client }],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      ok(
        await api.GET('/pilots', {
          params: {
            query: {
              limit: PAGE,
              ...(status ? { status } : {}),
              ...(client ? { client } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = pilots.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = status !== '' || client !== '';

  return (
    <section aria-labelledby="pilots-h" className="pilots">
      <div className="pilots-head">
        <h1 id="pilots-h">Pilots</h1>
        {can(session, 'editPilot') && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            New pilot
          </button>
        )}
      </div>
      {creating && <NewPilot onCancel={() => setCreating(false)} />}
      <fieldset className="filters">
        <legend className="sr-only">Filter pilots</legend>
        <label>
          Status
          <select
            value={status}
            onChange={(e) => setStatus(PILOT_STATUSES.find((s) => s === e.target.value) ?? '')}
          >
            <option value="">all</option>
            {PILOT_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Client
          <input
            type="search"
            value={clientInput}
            placeholder="exact client name"
            onChange={(e) => setClientInput(e.target.value)}
          />
        </label>
      </fieldset>
      {pilots.isPending ? (
        <Loading what="pilots" />
      ) : pilots.isError && items.length === 0 ? (
        <ErrorState error={pilots.error} retry={() => void pilots.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          {filtered
            ? 'No pilot matches these filters.'
            : `No pilots yet. ${can(session, 'editPilot') ? 'Start one with “New pilot”, or approve a custom-development request as a pilot.' : 'A product manager scopes them.'}`}
        </Empty>
      ) : (
        <>
          <ul className="pilot-list" aria-label="Pilots, newest first">
            {items.map((p) => (
              <PilotCard key={p.id} pilot={p} />
            ))}
          </ul>
          {pilots.hasNextPage && (
            <button
              type="button"
              disabled={pilots.isFetchingNextPage}
              onClick={() => void pilots.fetchNextPage()}
            >
              {pilots.isFetchingNextPage ? 'Loading more…' : 'Load more'}
            </button>
          )}
          {pilots.isError && <ErrorState error={pilots.error} retry={() => void pilots.fetchNextPage()} />}
        </>
      )}
    </section>
  );
}

function PilotCard({ pilot: p }: { pilot: Pilot }) {
  const ev = p.evaluation;
  return (
    <li className="pilot-card">
      <div className="pilot-card-title">
        <Link to={`/app/pilots/${p.id}`}>{p.title}</Link>
        <span className={`badge pilot-${p.status}`}>{p.status}</span>
      </div>
      <div className="sub">
        {p.client} · {day(p.startDate)} – {day(p.endDate)} ({p.timeZone}) · {p.criteria.length} criteria
        {p.conversion
          ? ` · contract ${money({ amount: p.conversion.contractValue, currency: p.conversion.currency })}`
          : ''}
      </div>
      {ev?.status === 'evaluated' && ev.recommendation && (
        <div className="sub">
          Evaluated: score {Math.round(ev.score ?? 0)} / 100, recommends <strong>{ev.recommendation}</strong>
        </div>
      )}
      {p.warnings.length > 0 && (
        <div className="sub warn">
          {p.warnings.length} warning{p.warnings.length > 1 ? 's' : ''}
        </div>
      )}
    </li>
  );
}
