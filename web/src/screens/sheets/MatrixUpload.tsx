import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorState } from '../../components/States';
import { useApp } from '../../lib/app-context';
import { titleOf } from '../../lib/format';
import { useChecklist } from '../../lib/use-checklist';
import { refreshTender } from './refresh';
import { SHEET_ACCEPT, sheetFileBody } from './sheet-file';

type Result =
  paths['/tenders/{id}/compliance-matrix']['post']['responses'][200]['content']['application/json'];
type Row = Result['rows'][number];

const OUTCOME: Record<Row['outcome'], string> = {
  applied: 'applied',
  unchanged: 'unchanged',
  conflict: 'conflict',
  invalid: 'rejected',
};

function Details({ row }: { row: Row }) {
  if (row.outcome === 'applied')
    return (
      <ul>
        {(row.changes ?? []).map((c) => (
          <li key={c.column}>
            {c.column}: “{c.from}” → “{c.to}”
          </li>
        ))}
        {row.version !== undefined && <li>now version {row.version}</li>}
      </ul>
    );
  if (row.outcome === 'conflict')
    return (
      <>
        <p>
          Exported at version {row.exportedVersion ?? '?'}, now at version {row.currentVersion ?? '—'}:
          someone changed it since. Nothing was applied; download the matrix again and redo the edit.
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
            {e.column}: {e.message}
          </li>
        ))}
      </ul>
    );
  return null;
}

/** Upload the filled matrix (POST /tenders/{id}/compliance-matrix) and show what happened to every row. */
export function MatrixUpload({ tenderId }: { tenderId: string }) {
  const { api } = useApp();
  const inputId = useId();
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const body = { file: await sheetFileBody(api, file, () => {}) };
      return ok(
        await api.POST('/tenders/{id}/compliance-matrix', { params: { path: { id: tenderId } }, body }),
      );
    },
    onSuccess: () => refreshTender(queryClient, tenderId),
  });
  // the titles are only needed for a result; the workspace has loaded them already (same query)
  const checklist = useChecklist(tenderId, upload.data !== undefined);
  const titles = new Map(
    (checklist.data ?? []).map((i) => [i.itemId, `${i.requirementId} — ${titleOf(i.title, i.key)}`]),
  );
  const r = upload.data;
  const order: Row['outcome'][] = ['conflict', 'invalid', 'applied', 'unchanged'];
  const rows = r ? [...r.rows].sort((a, b) => order.indexOf(a.outcome) - order.indexOf(b.outcome)) : [];
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
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
      />
      {upload.isPending && (
        <p role="status">
          Reading the matrix… <progress aria-label="matrix upload" />
        </p>
      )}
      {upload.isError && <ErrorState error={upload.error} />}
      {r && (
        <div className="matrix-result" role="status" aria-live="polite">
          <p>
            <button type="button" className="clear" onClick={() => upload.reset()}>
              Clear the result
            </button>
            <strong>
              {r.applied} applied, {r.unchanged} unchanged, {r.conflicts} conflict
              {r.conflicts === 1 ? '' : 's'}, {r.invalid} rejected
            </strong>
          </p>
          {r.conflicts > 0 && (
            <p className="error">
              {r.conflicts} row{r.conflicts === 1 ? ' was' : 's were'} exported at an older version and
              {r.conflicts === 1 ? ' was' : ' were'} not applied (listed first).
            </p>
          )}
          <div className="table-wrap">
            <table className="rows">
              <caption>What happened to every row</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Requirement</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.row} className={`outcome-${row.outcome}`}>
                    <td>{row.row}</td>
                    <td>{row.itemId ? (titles.get(row.itemId) ?? row.itemId) : '—'}</td>
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
        </div>
      )}
    </div>
  );
}
