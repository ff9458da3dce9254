import { ApiError } from '../../api/client';
import { ErrorState } from '../../components/States';
import { ImportProgress } from './ImportProgress';
import { MappingForm } from './MappingForm';
import { FIELD_LABEL, mappingFieldErrors, SHEET_FIELDS } from './mapping';
import type { Imported, useSheetImport } from './use-sheet-import';

type Hook = ReturnType<typeof useSheetImport>;

const Rows = ({ caption, rows }: { caption: string; rows: { row: number; reason: string }[] }) =>
  rows.length === 0 ? null : (
    <div className="table-wrap">
      <table className="rows">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.row}:${r.reason}`}>
              <td>{r.row}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

function MappingUsed({ mapping }: { mapping: Imported['mapping'] }) {
  return (
    <dl className="mapping-used">
      <dt>Header row</dt>
      <dd>{mapping.headerRow}</dd>
      {SHEET_FIELDS.map((f) => {
        const c = mapping.columns[f];
        return c ? (
          <div key={f}>
            <dt>{FIELD_LABEL[f]}</dt>
            <dd>
              column {c.column} — “{c.header}”
            </dd>
          </div>
        ) : null;
      })}
    </dl>
  );
}

/**
 * A spreadsheet import as it goes: the upload, the 422 mapping to confirm (with the doubts and the
 * rows that could not be used), then what the API found and the intake's progress.
 */
export function SheetImportView({ hook, openLink }: { hook: Hook; openLink: boolean }) {
  const { state } = hook;
  if (state.phase === 'idle') return null;
  const problem =
    state.phase === 'mapping' ? state.problem : state.phase === 'sending' ? state.problem : null;
  return (
    <div className="sheet-import">
      {state.phase === 'sending' && (
        <p role="status">
          {state.upload === null ? `Sending ${state.file.name}…` : `Uploading ${state.file.name}…`}{' '}
          <progress aria-label="upload" max={1} {...(state.upload === null ? {} : { value: state.upload })} />
        </p>
      )}
      {problem && (
        <section className="mapping-needed" aria-label="Confirm the column mapping">
          <p role="alert">
            <strong>{state.file.name}: the columns need your confirmation.</strong> {problem.detail}
          </p>
          {problem.sheet && (problem.sheets?.length ?? 0) > 1 && (
            <p>
              Sheet “{problem.sheet}” of {problem.sheets?.map((n) => `“${n}”`).join(', ')}.
            </p>
          )}
          {problem.doubts.length > 0 && (
            <ul className="warnings">
              {problem.doubts.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
          <Rows caption="Rows that could not be used" rows={problem.rejected} />
          {state.phase === 'mapping' && state.error !== null && <ErrorState error={state.error} />}
          <MappingForm
            candidate={problem.candidate}
            serverErrors={
              state.phase === 'mapping'
                ? mappingFieldErrors(
                    state.error instanceof ApiError ? (state.error.problem.errors ?? []) : [],
                  )
                : {}
            }
            busy={state.phase === 'sending'}
            onSubmit={hook.confirm}
          />
        </section>
      )}
      {state.phase === 'failed' && <ErrorState error={state.error} />}
      {state.phase === 'started' && (
        <>
          <div className="import-result">
            <p>
              <strong>
                {state.result.requirements} requirement{state.result.requirements === 1 ? '' : 's'} found
              </strong>{' '}
              in {state.file.name}
              {state.result.sheet && ` (sheet “${state.result.sheet}”)`}
              {state.result.rejected.length > 0 &&
                `; ${state.result.rejected.length} row${state.result.rejected.length === 1 ? '' : 's'} rejected`}
              .
            </p>
            <details>
              <summary>Column mapping used</summary>
              <MappingUsed mapping={state.result.mapping} />
            </details>
            <Rows caption="Rejected rows" rows={state.result.rejected} />
            <Rows caption="Warnings" rows={state.result.warnings} />
          </div>
          <ImportProgress
            started={{
              importId: state.result.importId,
              tenderId: state.result.tenderId,
              fileName: state.file.name,
              skipped: [],
            }}
            openLink={openLink}
          />
        </>
      )}
    </div>
  );
}
