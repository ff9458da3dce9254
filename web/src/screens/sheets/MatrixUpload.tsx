import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { type Api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorState } from '../../components/States';
import { useApp } from '../../lib/app-context';
import { refreshTender } from './refresh';
import { SHEET_ACCEPT, sheetFileBody } from './sheet-file';

type Upload = components['schemas']['MatrixImport'];
type Row = components['schemas']['MatrixRowOutcome'];

const OUTCOME: Record<Row['outcome'], string> = {
  applied: 'applied',
  unchanged: 'unchanged',
  conflict: 'conflict',
  invalid: 'rejected',
};
const ORDER: Row['outcome'][] = ['conflict', 'invalid', 'applied', 'unchanged'];
/** Up to this many rows the result lists every row; above, the rows that were not applied. */
const EVERY_ROW_UP_TO = 200;

/** The query keys of a matrix upload, declared once. */
export const matrixUploadKeys = {
  upload: (tenderId: string, importId: string) => ['matrix-upload', tenderId, importId] as const,
  problems: (tenderId: string, importId: string) =>
    ['matrix-upload', tenderId, importId, 'problems'] as const,
};

const getUpload = async (api: Api, tenderId: string, importId: string, outcome?: 'conflict' | 'invalid') =>
  ok(
    await api.GET('/tenders/{id}/compliance-matrix/imports/{importId}', {
      params: {
        path: { id: tenderId, importId },
        query: outcome ? { outcome, limit: 1000 } : { limit: EVERY_ROW_UP_TO },
      },
    }),
  );

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function Details({ row }: { row: Row }) {
  if (row.outcome === 'applied')
    return (
      <ul>
        {(row.changes ?? []).map((c) => (
          <li key={c.column}>
            {c.column}: “{c.from}” → “{c.to}”
          </li>
        ))}
      </ul>
    );
  if (row.outcome === 'conflict')
    return (
      <>
        <p>
          {row.currentVersion
            ? `Exported at version ${row.exportedVersion ?? '?'}, now at version ${row.currentVersion}: `
            : ''}
          someone changed it since the matrix was downloaded. Nothing was applied; download the matrix again
          and redo the edit.
        </p>
        <ul>
          {(row.conflicts ?? []).map((c) => (
            <li key={c.column}>
              {c.column}: the file says “{c.file}”, the item now says “{c.current}”
            </li>
          ))}
        </ul>
      </>
    );
  if (row.outcome === 'invalid')
    return (
      <ul>
        {(row.errors ?? []).map((e) => (
          <li key={`${e.column}:${e.message}`}>
            {e.column ? `${e.column}: ` : ''}
            {e.message}
          </li>
        ))}
      </ul>
    );
  return null;
}

function RowsTable({ rows, caption }: { rows: Row[]; caption: string }) {
  const sorted = [...rows].sort(
    (a, b) => ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome) || a.row - b.row,
  );
  return (
    <div className="table-wrap">
      <table className="rows">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Requirement</th>
            <th scope="col">Outcome</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.row} className={`outcome-${row.outcome}`}>
              <td>{row.row}</td>
              <td>{[row.reference, row.requirement].filter(Boolean).join(' — ') || '—'}</td>
              <td>
                <span className={`badge ${row.outcome}`}>{OUTCOME[row.outcome]}</span>
              </td>
              <td>
                <Details row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An upload's progress while the workflow applies it (polled), then its result in people's words. */
function UploadResult({
  tenderId,
  first,
  onClear,
}: {
  tenderId: string;
  first: Upload;
  onClear: () => void;
}) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const progress = useQuery({
    queryKey: matrixUploadKeys.upload(tenderId, first.importId),
    queryFn: () => getUpload(api, tenderId, first.importId),
    initialData: first,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const u = progress.data;
  const finished = u.status !== 'running';
  const listsEvery = (u.total ?? 0) <= EVERY_ROW_UP_TO;
  const problems = useQuery({
    queryKey: matrixUploadKeys.problems(tenderId, first.importId),
    queryFn: async () => {
      const [conflicts, invalid] = await Promise.all([
        getUpload(api, tenderId, first.importId, 'conflict'),
        getUpload(api, tenderId, first.importId, 'invalid'),
      ]);
      return [...conflicts.rows, ...invalid.rows];
    },
    enabled: finished && !listsEvery && u.conflicts + u.invalid > 0,
  });
  useEffect(() => {
    if (finished) refreshTender(queryClient, tenderId);
  }, [finished, queryClient, tenderId]);

  if (!finished)
    return (
      <div className="matrix-result" role="status" aria-live="polite">
        <p>
          Applying {u.fileName}:{' '}
          {u.total === null
            ? 'reading the rows…'
            : `${u.done.toLocaleString()} of ${count(u.total, 'row')} done`}{' '}
          <progress aria-label="matrix upload progress" max={Math.max(u.total ?? 0, 1)} value={u.done} />
        </p>
        <p className="hint">
          You can keep working meanwhile: the rows are applied on the server, not in this page.
        </p>
        {progress.isError && <ErrorState error={progress.error} />}
      </div>
    );
  return (
    <div className="matrix-result" role="status" aria-live="polite">
      <p>
        <button type="button" className="clear" onClick={onClear}>
          Clear the result
        </button>
        <strong>
          {u.applied.toLocaleString()} applied, {u.unchanged.toLocaleString()} unchanged,{' '}
          {count(u.conflicts, 'conflict')}, {u.invalid.toLocaleString()} rejected
        </strong>
      </p>
      {u.status === 'failed' && (
        <p className="error">
          The upload stopped before every row was done ({u.error?.cause ?? 'an internal error'}).{' '}
          {count(u.done, 'row')} of {(u.total ?? 0).toLocaleString()} were done and are counted above; upload
          the file again to finish the rest.
        </p>
      )}
      {u.conflicts > 0 && (
        <p className="error">
          {count(u.conflicts, 'row')} {u.conflicts === 1 ? 'was' : 'were'} exported at an older version and{' '}
          {u.conflicts === 1 ? 'was' : 'were'} not applied (listed first).
        </p>
      )}
      {listsEvery ? (
        <RowsTable rows={u.rows} caption="What happened to every row" />
      ) : problems.data && problems.data.length > 0 ? (
        <RowsTable rows={problems.data} caption="Rows not applied" />
      ) : problems.isError ? (
        <ErrorState error={problems.error} />
      ) : null}
    </div>
  );
}

/**
 * Upload the filled matrix (POST /tenders/{id}/compliance-matrix). A small file is applied at once;
 * a large one is applied by a workflow whose progress is shown until it is done. Either way the
 * result counts every row and lists the rows with problems by their requirement.
 */
export function MatrixUpload({ tenderId }: { tenderId: string }) {
  const { api } = useApp();
  const inputId = useId();
  const queryClient = useQueryClient();
  const [started, setStarted] = useState<Upload | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const body = { file: await sheetFileBody(api, file, () => {}) };
      const res = await api.POST('/tenders/{id}/compliance-matrix', {
        params: { path: { id: tenderId } },
        body,
      });
      return ok(res);
    },
    onSuccess: (data) => {
      queryClient.setQueryData(matrixUploadKeys.upload(tenderId, data.importId), data);
      setStarted(data);
    },
  });
  return (
    <div className="sheet-tool">
      <label htmlFor={inputId}>Upload filled matrix (XLSX or CSV)</label>{' '}
      <input
        id={inputId}
        type="file"
        accept={SHEET_ACCEPT}
        disabled={upload.isPending}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) {
            setStarted(null);
            upload.mutate(file);
          }
          e.target.value = '';
        }}
      />
      {!started && !upload.isPending && !upload.isError && (
        <p className="hint">
          Download the matrix, fill it in a spreadsheet program, and upload it here: only the cells you
          changed apply.
        </p>
      )}
      {upload.isPending && (
        <p role="status">
          Reading the matrix… <progress aria-label="matrix upload" />
        </p>
      )}
      {upload.isError && <ErrorState error={upload.error} />}
      {started && !upload.isPending && (
        <UploadResult
          key={started.importId}
          tenderId={tenderId}
          first={started}
          onClear={() => {
            setStarted(null);
            upload.reset();
          }}
        />
      )}
    </div>
  );
}
