import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ok } from '../../api/client';
import { Field } from '../../components/Field';
import { ErrorState } from '../../components/States';
import { useApp } from '../../lib/app-context';
import { numberOf } from '../../lib/pilot-form';
import type { PilotDetail } from '../../lib/pilots';
import { fieldErrorsOf } from './fields';

type Row = { value: string; source: string };

/**
 * Record this round's measurements (one per criterion, any may be left empty) and start the evaluation
 * (202; the detail polls until it is evaluated or failed). The measurements of the last evaluation are
 * sent again with the new ones, so each criterion keeps its history (on track = not worse than before).
 */
export function Measurements({ pilot }: { pilot: PilotDetail }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Record<string, Row>>({});
  const previous = pilot.evaluation?.measurements ?? [];
  const running = pilot.evaluation?.status === 'running';
  const entered = pilot.criteria.flatMap((c) => {
    const row = rows[c.id];
    const value = row ? numberOf(row.value) : undefined;
    return value === undefined || !row
      ? []
      : [{ criterionId: c.id, value, ...(row.source.trim() ? { source: row.source.trim() } : {}) }];
  });
  const start = useMutation({
    mutationFn: async () => {
      const measuredAt = new Date().toISOString();
      return ok(
        await api.POST('/pilots/{id}/evaluation', {
          params: { path: { id: pilot.id } },
          body: { measurements: [...previous, ...entered.map((m) => ({ ...m, measuredAt }))] },
        }),
      );
    },
    onSuccess: () => setRows({}),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['pilot', pilot.id] });
      void queryClient.invalidateQueries({ queryKey: ['audit', 'pilot', pilot.id] });
    },
  });
  const errors = fieldErrorsOf(start.error);
  const set = (id: string, patch: Partial<Row>) =>
    setRows((r) => ({ ...r, [id]: { value: '', source: '', ...r[id], ...patch } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  return (
    <section aria-labelledby="ms-h" className="pilot-panel">
      <h2 id="ms-h">Record measurements</h2>
      <form onSubmit={submit} noValidate>
        <p className="sub">
          {previous.length
            ? `${previous.length} earlier measurement${previous.length === 1 ? '' : 's'} are kept and evaluated with these.`
            : 'The first measurements of this pilot.'}
        </p>
        <div className="measure-grid">
          {pilot.criteria.map((c, i) => (
            <fieldset key={c.id} className="criterion-row">
              <legend>
                {c.metric} ({c.unit})
              </legend>
              <Field
                label={`Measured ${c.metric}`}
                error={errors(`measurements.${previous.length + i}.value`)}
              >
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    step="any"
                    value={rows[c.id]?.value ?? ''}
                    onChange={(e) => set(c.id, { value: e.target.value })}
                  />
                )}
              </Field>
              <Field label={`Source of ${c.metric} (optional)`} error={undefined}>
                {(p) => (
                  <input
                    {...p}
                    value={rows[c.id]?.source ?? ''}
                    onChange={(e) => set(c.id, { source: e.target.value })}
                  />
                )}
              </Field>
            </fieldset>
          ))}
        </div>
        {start.isError && <ErrorState error={start.error} />}
        <button type="submit" disabled={running || start.isPending || entered.length === 0}>
          {running ? 'Evaluation running…' : 'Record and evaluate'}
        </button>
      </form>
    </section>
  );
}
