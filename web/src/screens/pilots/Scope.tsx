import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, ok } from '../../api/client';
import { ErrorState } from '../../components/States';
import { useApp, useSession } from '../../lib/app-context';
import { money } from '../../lib/format';
import { formOf, type PilotForm, patchBody } from '../../lib/pilot-form';
import { day, editable, type PilotDetail } from '../../lib/pilots';
import { can } from '../../lib/session';
import { fieldErrorsOf, useFocusFirst } from './fields';
import { PilotFields } from './PilotFields';

/** Objective, scope in / out, dates and terms; editable (PATCH with If-Match) while draft or scoped. */
export function Scope({ pilot }: { pilot: PilotDetail }) {
  const session = useSession();
  const [editing, setEditing] = useState(false);
  const mayEdit = can(session, 'editPilot') && editable(pilot.status);
  return (
    <section aria-labelledby="scope-h" className="pilot-panel">
      <h2 id="scope-h">Objective and scope</h2>
      {editing ? (
        <ScopeEditor pilot={pilot} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p>{pilot.objective}</p>
          <div className="grid-halves">
            <div>
              <h3>In scope</h3>
              <ul>
                {pilot.scopeIn.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </div>
            <div>
              <h3>Out of scope</h3>
              {pilot.scopeOut.length ? (
                <ul>
                  {pilot.scopeOut.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              ) : (
                <p className="sub">Nothing excluded.</p>
              )}
            </div>
          </div>
          <dl className="facts">
            <dt>Dates</dt>
            <dd>
              {day(pilot.startDate)} – {day(pilot.endDate)} ({pilot.timeZone})
              {pilot.plannedEndDate !== pilot.endDate && <> · first agreed end {day(pilot.plannedEndDate)}</>}
            </dd>
            <dt>Owner</dt>
            <dd>{pilot.owner ?? pilot.createdBy}</dd>
            <dt>Cost</dt>
            <dd>{pilot.cost ? `${money(pilot.cost)}, paid by ${pilot.cost.paidBy}` : 'not set'}</dd>
            <dt>Conversion</dt>
            <dd>
              {pilot.conversion
                ? `${money({ amount: pilot.conversion.contractValue, currency: pilot.conversion.currency })}, decision by ${day(pilot.conversion.decisionBy)}`
                : 'no conversion terms yet'}
            </dd>
          </dl>
          {mayEdit && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit scope
            </button>
          )}
        </>
      )}
    </section>
  );
}

/**
 * The scope editor. It saves against the version it was opened on: if someone else saved meanwhile the
 * API answers 412, nothing of the user's edit is lost, the current pilot is reloaded, and the user either
 * saves their version over it or discards their edit.
 */
function ScopeEditor({ pilot, onDone }: { pilot: PilotDetail; onDone: () => void }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<PilotForm>(() => formOf(pilot));
  const [base, setBase] = useState(pilot.version);
  const formRef = useFocusFirst<HTMLFormElement>(true);
  const save = useMutation({
    mutationFn: async (version: number) =>
      ok(
        await api.PATCH('/pilots/{id}', {
          params: { path: { id: pilot.id } },
          headers: { 'if-match': `"${version}"` },
          body: patchBody(form),
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['pilot', pilot.id] });
      void queryClient.invalidateQueries({ queryKey: ['pilots'] });
      void queryClient.invalidateQueries({ queryKey: ['audit', 'pilot', pilot.id] });
    },
    onSuccess: onDone,
  });
  const conflict = save.error instanceof ApiError && save.error.status === 412;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(base);
  };
  return (
    <form ref={formRef} aria-label="Edit scope" onSubmit={submit} noValidate className="pilot-form">
      <PilotFields form={form} onChange={setForm} errors={fieldErrorsOf(save.error)} />
      {conflict ? (
        <div className="conflict" role="alert">
          <strong>Someone else changed this pilot while you were editing</strong> (you started from version{' '}
          {base}; it is now version {pilot.version}, {pilot.title}, {day(pilot.startDate)} –{' '}
          {day(pilot.endDate)}). Your edits are kept above.{' '}
          <button
            type="button"
            onClick={() => {
              setBase(pilot.version);
              save.mutate(pilot.version);
            }}
          >
            Save mine over theirs
          </button>
          <button
            type="button"
            onClick={() => {
              setForm(formOf(pilot));
              setBase(pilot.version);
              save.reset();
            }}
          >
            Discard mine, edit theirs
          </button>
        </div>
      ) : (
        save.isError && <ErrorState error={save.error} />
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save scope'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
