import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { ok } from '../api/client';
import { ErrorState } from '../components/States';
import { useApp } from '../lib/app-context';

interface Started {
  importId: string;
  tenderId: string;
  fileName: string;
  skipped: { path: string; message: string }[];
}

/** Import a published tender by dropping its file: the upload, then the intake's progress and warnings per field. */
export function ImportDrop() {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [over, setOver] = useState(false);
  const [sending, setSending] = useState<string | null>(null);
  const [started, setStarted] = useState<Started | null>(null);
  const [error, setError] = useState<unknown>(null);

  const progress = useQuery({
    queryKey: ['import', started?.importId],
    enabled: !!started,
    queryFn: async () =>
      ok(await api.GET('/imports/{id}', { params: { path: { id: started?.importId ?? '' }, query: {} } })),
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 1000 : false),
  });
  const finished = progress.data && progress.data.status !== 'running';
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['tenders'] });
  }, [finished, queryClient]);

  const send = async (file: File) => {
    setError(null);
    setStarted(null);
    setSending(file.name);
    try {
      const text = await file.text();
      const res = ok(
        await api.POST('/tenders/import', {
          params: { query: {} },
          body: {},
          bodySerializer: () => text,
          headers: { 'content-type': 'application/json' },
        }),
      );
      setStarted({
        importId: res.importId,
        tenderId: res.tenderId,
        fileName: file.name,
        skipped: res.skipped,
      });
      void queryClient.invalidateQueries({ queryKey: ['tenders'] });
    } catch (err) {
      setError(err);
    } finally {
      setSending(null);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void send(file);
  };

  return (
    <div className="import">
      <label
        htmlFor={inputId}
        className={`drop ${over ? 'over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <strong>Import a tender</strong>: drop its published file here (OCDS release, record or package;
        Prozorro JSON), or choose one.
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void send(file);
            e.target.value = '';
          }}
        />
      </label>
      {sending && (
        <p role="status">
          Uploading {sending}… <progress aria-label="upload" />
        </p>
      )}
      {error !== null && <ErrorState error={error} />}
      {started && (
        <div className="import-result" role="status" aria-live="polite">
          <p>
            {started.fileName}:{' '}
            {progress.data ? (
              <>
                {progress.data.status === 'running' ? 'importing' : progress.data.status} —{' '}
                {progress.data.done} of {progress.data.total} ready
                {progress.data.failed > 0 && `, ${progress.data.failed} failed`}
                <progress
                  aria-label="intake progress"
                  max={Math.max(progress.data.total, 1)}
                  value={progress.data.done + progress.data.failed}
                />
              </>
            ) : (
              'starting…'
            )}
          </p>
          {finished && (
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
      )}
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
