import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { type FormEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorState } from '../../components/States';
import { useApp } from '../../lib/app-context';
import { fieldError, otherErrors } from '../../lib/custom-dev';

type Body = paths['/custom-dev-requests']['post']['requestBody']['content']['application/json'];
const FIELDS = [
  'client',
  'title',
  'problem',
  'requestedFunctionality',
  'neededBy',
  'vertical',
  'strategicFit',
] as const;

/** "New request": the POST body as a form in a dialog; one Idempotency-Key per distinct submission. */
export function NewRequest() {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button">New request</button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="drawer">
          <Dialog.Title>New custom-development request</Dialog.Title>
          <Dialog.Description className="sub">
            What the client asks for and why. A product manager then records feasibility, effort and
            commercial terms.
          </Dialog.Description>
          <NewRequestForm />
          <Dialog.Close asChild>
            <button type="button" className="secondary">
              Cancel
            </button>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function NewRequestForm() {
  const { api } = useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [f, setF] = useState({
    client: '',
    title: '',
    problem: '',
    requestedFunctionality: '',
    neededBy: '',
    vertical: '',
    strategicFit: '3',
  });
  // the same body resubmitted (a double click, a retry after a network error) keeps its key: one request
  const idem = useRef<{ body: string; key: string } | null>(null);
  const create = useMutation({
    mutationFn: async (body: Body) => {
      const json = JSON.stringify(body);
      if (idem.current?.body !== json) idem.current = { body: json, key: crypto.randomUUID() };
      return ok(
        await api.POST('/custom-dev-requests', { body, headers: { 'idempotency-key': idem.current.key } }),
      );
    },
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['custom-dev-requests'] });
      navigate(`/app/requests/${r.requestId}`);
    },
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((old) => ({ ...old, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      client: f.client.trim(),
      title: f.title.trim(),
      problem: f.problem.trim(),
      requestedFunctionality: f.requestedFunctionality.trim(),
      strategicFit: Number(f.strategicFit),
      ...(f.neededBy ? { neededBy: f.neededBy } : {}),
      ...(f.vertical.trim() ? { vertical: f.vertical.trim() } : {}),
    });
  };
  const err = (path: string) => fieldError(create.error, path);
  const field = (k: keyof typeof f, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`nr-${k}`}>{label}</label>
      {input}
      {err(k) && (
        <span id={`nr-${k}-err`} className="error">
          {err(k)}
        </span>
      )}
    </div>
  );
  const attrs = (k: keyof typeof f) => ({
    id: `nr-${k}`,
    value: f[k],
    onChange: set(k),
    'aria-invalid': err(k) ? true : undefined,
    'aria-describedby': err(k) ? `nr-${k}-err` : undefined,
  });
  return (
    <form className="cdr-form" onSubmit={submit} noValidate>
      {field('client', 'Client', <input {...attrs('client')} maxLength={300} />)}
      {field('title', 'Title', <input {...attrs('title')} maxLength={300} />)}
      {field('problem', 'Problem (what hurts the client today)', <textarea rows={3} {...attrs('problem')} />)}
      {field(
        'requestedFunctionality',
        'Requested functionality',
        <textarea rows={4} {...attrs('requestedFunctionality')} />,
      )}
      {field('neededBy', 'Needed by (optional)', <input type="date" {...attrs('neededBy')} />)}
      {field('vertical', 'Vertical (optional)', <input {...attrs('vertical')} maxLength={100} />)}
      {field(
        'strategicFit',
        'Strategic fit (1 = poor, 5 = core)',
        <select {...attrs('strategicFit')}>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>,
      )}
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Submitting…' : 'Submit request'}
      </button>
      {create.error && <ErrorState error={otherErrors(create.error, FIELDS)} />}
    </form>
  );
}
