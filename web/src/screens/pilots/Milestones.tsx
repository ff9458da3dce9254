import { Empty } from '../../components/States';
import { inZone, timeLeft } from '../../lib/format';
import { MILESTONE_LABELS, type PilotDetail } from '../../lib/pilots';
import { useNow } from '../../lib/use-now';

/** The pilot's milestones (deadlines like any other): due at the end of their day in the pilot's zone. */
export function Milestones({ pilot }: { pilot: PilotDetail }) {
  const now = useNow();
  return (
    <section aria-labelledby="mi-h" className="pilot-panel">
      <h2 id="mi-h">Milestones</h2>
      {pilot.milestones.length === 0 ? (
        <Empty>No milestones scheduled yet.</Empty>
      ) : (
        <ol className="milestones">
          {pilot.milestones.map((m) => (
            <li key={m.milestone} data-testid={`milestone-${m.milestone}`}>
              <strong>{MILESTONE_LABELS[m.milestone]}</strong>{' '}
              <span className={`badge ${m.status}`}>{m.status}</span>
              <div className="sub">
                <time dateTime={m.dueAt}>{inZone(m.dueAt, pilot.timeZone)}</time>
                {m.status === 'open' && <> · {timeLeft(m.dueAt, now)}</>}
                {m.sequence > 0 && <> · moved {m.sequence}×</>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
