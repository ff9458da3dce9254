import { useQuery } from '@tanstack/react-query';
import { ok } from '../api/client';
import { Empty, ErrorState, Loading } from '../components/States';
import { useApp } from '../lib/app-context';

/** The alerts inbox: reminders, missed and moved deadlines, and how each was delivered. */
export function Alerts() {
  const { api } = useApp();
  const alerts = useQuery({
    queryKey: ['alerts'],
    queryFn: async () => ok(await api.GET('/alerts', { params: { query: { limit: 100 } } })).items,
    refetchInterval: 30_000,
  });
  return (
    <section aria-labelledby="al-h">
      <h2 id="al-h">Alerts</h2>
      {alerts.isPending ? (
        <Loading what="alerts" />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} retry={() => void alerts.refetch()} />
      ) : alerts.data.length === 0 ? (
        <Empty>No alerts.</Empty>
      ) : (
        <ul className="alerts">
          {alerts.data.map((a) => {
            const deliveries = Object.entries(a.deliveries);
            return (
              <li key={a.alertId}>
                <span className={`badge ${a.kind}`}>{a.kind}</span> <strong>{a.title}</strong> — {a.text}{' '}
                <span className="sub">
                  {deliveries.length === 0
                    ? `pending delivery${a.attempts ? ` (${a.attempts} failed attempts)` : ''}`
                    : deliveries
                        .map(([channel, d]) => `${channel}: ${d.status}${d.reason ? ` (${d.reason})` : ''}`)
                        .join(', ')}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
