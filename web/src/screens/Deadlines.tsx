import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Tooltip } from 'radix-ui';
import {
  CartesianGrid,
  Tooltip as ChartTip,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  XAxis,
  YAxis,
} from 'recharts';
import { type Deadline, ok } from '../api/client';
import { Empty, ErrorState, Loading } from '../components/States';
import { useApp, useSession } from '../lib/app-context';
import { citationPlace, otherWarnings, statusWords, unverifiedNote } from '../lib/deadline-words';
import { bothZones, timeLeft } from '../lib/format';
import { can } from '../lib/session';
import { useNow } from '../lib/use-now';
import { Alerts } from './Alerts';
import { CalendarLink } from './CalendarLink';
import { RecordEvent } from './RecordEvent';

const RISKS = ['critical', 'high', 'normal', 'info'] as const;

/** Screen 4: every deadline of the organisation by risk, countdowns, legal basis, events, the calendar, alerts. */
export default function Deadlines() {
  const { api } = useApp();
  const session = useSession();
  const now = useNow(15_000);
  const deadlines = useQuery({
    queryKey: ['deadlines'],
    queryFn: async () => ok(await api.GET('/deadlines', { params: { query: { limit: 500 } } })).items,
  });
  return (
    <section aria-labelledby="dl-h" className="deadlines">
      <h1 id="dl-h">Deadlines</h1>
      <div className="toolbar">
        <CalendarLink />
      </div>
      {can(session, 'recordEvent') && <RecordEvent />}
      {deadlines.isPending ? (
        <Loading what="deadlines" />
      ) : deadlines.isError ? (
        <ErrorState error={deadlines.error} retry={() => void deadlines.refetch()} />
      ) : deadlines.data.length === 0 ? (
        <Empty>No deadlines yet: they come from imported tenders and recorded events.</Empty>
      ) : (
        <>
          <Timeline deadlines={deadlines.data} />
          <Tooltip.Provider delayDuration={200}>
            {RISKS.map((risk) => {
              const list = deadlines.data.filter((d) => d.risk === risk);
              if (list.length === 0) return null;
              return (
                <div key={risk}>
                  <h2>
                    <span className={`badge ${risk}`}>{risk}</span> {list.length}
                  </h2>
                  <ul className="deadline-list">
                    {list.map((d) => (
                      <DeadlineRow key={d.id} d={d} now={now} />
                    ))}
                  </ul>
                </div>
              );
            })}
          </Tooltip.Provider>
        </>
      )}
      <Alerts />
    </section>
  );
}

function DeadlineRow({ d, now }: { d: Deadline; now: number }) {
  const { api } = useApp();
  const session = useSession();
  const queryClient = useQueryClient();
  const met = useMutation({
    mutationFn: async () => ok(await api.POST('/deadlines/{id}/met', { params: { path: { id: d.id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['deadlines'] }),
  });
  const cites = citationPlace(d);
  const unverified = unverifiedNote(d);
  return (
    <li data-kind={d.kind} data-testid={`deadline-${d.kind}`}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <button type="button" className="linklike" aria-describedby={undefined}>
            {d.title}
          </button>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content className="tip" sideOffset={4}>
            {d.source.legalBasis ? `Legal basis: ${d.source.legalBasis}` : `From the ${d.source.type}`}
            {d.source.citation && (
              <>
                <br />
                <q lang={/[а-яё]/i.test(d.source.citation.quote) ? 'ru' : undefined}>
                  {d.source.citation.quote}
                </q>
              </>
            )}
            <Tooltip.Arrow />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>{' '}
      <strong>{d.status === 'open' ? timeLeft(d.dueAt, now) : statusWords(d.status)}</strong>{' '}
      <span className="sub" data-testid="due">
        {bothZones(d.dueAt, d.timeZone)}
        {d.sequence > 0 && ` · moved ${d.sequence}×`}
      </span>
      {cites && (
        <span className="sub" data-testid="citation">
          {' '}
          · {cites}
        </span>
      )}
      {unverified && (
        <span className="warn" data-testid="unverified">
          {' '}
          ⚠ {unverified}
        </span>
      )}
      {otherWarnings(d).map((w) => (
        <span key={w} className="warn">
          {' '}
          ⚠ {w}
        </span>
      ))}
      {d.status === 'open' && can(session, 'markMet') && (
        <button type="button" onClick={() => met.mutate()} disabled={met.isPending}>
          Mark met
        </button>
      )}
      {met.isError && <ErrorState error={met.error} />}
    </li>
  );
}

function Timeline({ deadlines }: { deadlines: Deadline[] }) {
  const data = deadlines.map((d) => ({
    x: new Date(d.dueAt).getTime(),
    y: RISKS.length - RISKS.indexOf(d.risk),
    title: d.title,
  }));
  const fmt = (t: number) => new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  return (
    <figure className="timeline">
      <figcaption>Timeline by risk</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <ScatterChart margin={{ left: 16, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="x" domain={['auto', 'auto']} tickFormatter={fmt} name="due" />
          <YAxis
            type="number"
            dataKey="y"
            domain={[0.5, 4.5]}
            ticks={[1, 2, 3, 4]}
            tickFormatter={(v: number) => RISKS[RISKS.length - v] ?? ''}
            width={70}
            name="risk"
          />
          <ChartTip
            formatter={(v, n) => (n === 'due' ? new Date(Number(v)).toLocaleString('en-GB') : String(v))}
          />
          <Scatter isAnimationActive={false} data={data} fill="#b91c1c" />
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
