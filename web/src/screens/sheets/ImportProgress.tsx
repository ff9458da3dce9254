import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { ok } from '../../api/client';
import { useApp } from '../../lib/app-context';
import { refreshTender } from './refresh';

export interface Started {
  importId: string;
  tenderId: string;
  fileName: string;
  /** what the upload itself reported (JSON: the skipped parts), shown with the intake's warnings */
  skipped: { path: string; message: string }[];
}

/** An import's intake, polled while it runs (GET /imports/{id}); when done, the tender's views refresh. */
export function ImportProgress({ started, openLink }: { started: Started; openLink: boolean }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const progress = useQuery({
    queryKey: ['import', started.importId],
    queryFn: async () =>
      ok(await api.GET('/imports/{id}', { params: { path: { id: started.importId }, query: {} } })),
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 1000 : false),
  });
  const finished = progress.data && progress.data.status !== 'running';
  useEffect(() => {
    if (finished) refreshTender(queryClient, started.tenderId);
  }, [finished, queryClient, started.tenderId]);

  return (
    <div className="import-result" role="status" aria-live="polite">
      <p>
        {started.fileName}:{' '}
        {progress.data ? (
          <>
            {progress.data.status === 'running' ? 'importing' : progress.data.status} — {progress.data.done}{' '}
            of {progress.data.total} ready
            {progress.data.failed > 0 && `, ${progress.data.failed} failed`}
            <progress
              aria-label="intake progress"
              max={Math.max(progress.data.total, 1)}
              value={progress.data.done + progress.data.failed}
            />
          </>
        ) : progress.isError ? (
          `the progress could not be read: ${progress.error.message}`
        ) : (
          'starting…'
        )}
      </p>
      {finished && openLink && (
        <p>
          <Link to={`/app/tenders/${started.tenderId}`}>Open the tender</Link>
        </p>
      )}
      {progress.data?.error && (
        <p className="error">
          {progress.data.error.error}: {progress.data.error.cause}
        </p>
      )}
      <Warnings items={[...started.skipped, ...(progress.data?.warnings ?? [])]} />
    </div>
  );
}

function Warnings({ items }: { items: { path: string; message: string }[] }) {
  if (items.length === 0) return null;
  return (
    <details open>
      <summary>
        {items.length} warning{items.length === 1 ? '' : 's'} from the intake
      </summary>
      <ul className="warnings">
        {items.map((w) => (
          <li key={`${w.path}:${w.message}`}>
            <code>{w.path}</code> — {w.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
