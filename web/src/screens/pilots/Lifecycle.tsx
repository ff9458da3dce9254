import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, ok } from '../../api/client';
import { Field } from '../../components/Field';
import { ErrorState } from '../../components/States';
import { useApp, useSession } from '../../lib/app-context';
import { day, type PilotDetail, type Step, stepsFor } from '../../lib/pilots';
import { can } from '../../lib/session';
import { fieldErrorsOf, useFocusFirst } from './fields';

const PATH = ['draft', 'scoped', 'active', 'evaluating'] as const;

/**
 * Where the pilot is in its lifecycle and the steps the user's role may take from here. Each step is
 * sent with If-Match on the version the user saw: if someone moved the pilot meanwhile the API answers
 * 412, the pilot is reloaded and the user decides again on what it now is.
 */
export function Lifecycle({ pilot }: { pilot: PilotDetail }) {
  const session = useSession();
  const steps = can(session, 'transitionPilot') ? stepsFor(pilot.status, session) : [];
  const final = pilot.status === 'converted' || pilot.status === 'stopped' || pilot.status === 'extended';
  return (
    <section aria-labelledby="lc-h" className="pilot-panel">
      <h2 id="lc-h">Lifecycle</h2>
      <ol className="lifecycle">
        {PATH.map((s) => (
          <li
            key={s}
            aria-current={pilot.status === s ? 'step' : undefined}
            className={pilot.status === s ? 'current' : ''}
          >
            {s}
          </li>
        ))}
        <li aria-current={final ? 'step' : undefined} className={final ? 'current' : ''}>
          {final ? pilot.status : 'converted / extended / stopped'}
        </li>
      </ol>
      <p>
        Status: <span className={`badge pilot-${pilot.status}`}>{pilot.status}</span>
        {pilot.statusReason && <> — “{pilot.statusReason}”</>}
      </p>
      {steps.length === 0 ? (
        <p className="sub">
          {pilot.status === 'converted' || pilot.status === 'stopped'
            ? 'This pilot is closed.'
            : 'No step your role may take now.'}
        </p>
      ) : (
        <div className="steps">
          {steps.map((s) => (
            <StepControl key={s.to} pilot={pilot} step={s} />
          ))}
        </div>
      )}
    </section>
  );
}

function StepControl({ pilot, step }: { pilot: PilotDetail; step: Step }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [endDate, setEndDate] = useState('');
  const formRef = useFocusFirst<HTMLFormElement>(open);
  const send = useMutation({
    mutationFn: async (version: number) =>
      ok(
        await api.POST('/pilots/{id}/transition', {
          params: { path: { id: pilot.id } },
          headers: { 'if-match': `"${version}"` },
          body: {
            to: step.to,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
            ...(step.needs === 'endDate' ? { endDate } : {}),
          },
        }),
      ),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['pilot', pilot.id] });
      void queryClient.invalidateQueries({ queryKey: ['pilots'] });
      void queryClient.invalidateQueries({ queryKey: ['audit', 'pilot', pilot.id] });
    },
    onSuccess: () => setOpen(false),
  });
  const stale = send.error instanceof ApiError && send.error.status === 412;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate(pilot.version);
  };
  const ready =
    step.needs === 'reason' ? reason.trim() !== '' : step.needs === 'endDate' ? endDate !== '' : true;
  if (step.needs && !open)
    return (
      <button type="button" onClick={() => setOpen(true)} title={step.hint}>
        {step.label}…
      </button>
    );
  return (
    <form
      ref={formRef}
      className={step.needs ? 'step-form' : 'step-inline'}
      onSubmit={submit}
      aria-label={step.label}
    >
      {step.needs === 'reason' && (
        <Field label="Reason (recorded)" error={fieldErrorsOf(send.error)('reason')}>
          {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      )}
      {step.needs === 'endDate' && (
        <Field
          label={`New end date (after ${day(pilot.endDate)})`}
          error={fieldErrorsOf(send.error)('endDate')}
        >
          {(p) => <input {...p} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />}
        </Field>
      )}
      <button type="submit" disabled={send.isPending || !ready} title={step.hint}>
        {step.needs ? `Confirm: ${step.label.toLowerCase()}` : step.label}
      </button>
      {step.needs && (
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      )}
      {stale ? (
        <div className="conflict" role="alert">
          <strong>The pilot changed while you were deciding.</strong> It has been reloaded (now {pilot.status}
          , version {pilot.version}); check it, then{' '}
          <button type="button" onClick={() => send.mutate(pilot.version)}>
            {step.label} on the current version
          </button>
        </div>
      ) : (
        send.isError && <ErrorState error={send.error} />
      )}
    </form>
  );
}
