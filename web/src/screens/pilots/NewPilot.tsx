import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ok } from '../../api/client';
import { ErrorState } from '../../components/States';
import { useApp } from '../../lib/app-context';
import { createBody, emptyPilotForm, type PilotForm } from '../../lib/pilot-form';
import { fieldErrorsOf, useFocusFirst } from './fields';
import { PilotFields } from './PilotFields';

/**
 * The new-pilot form (POST /pilots). One Idempotency-Key per distinct submission: sending the same body
 * again (a retry after a lost answer) reuses it, so a pilot is never created twice; a changed body gets a
 * new one. A refusal keeps everything typed and shows the API's message next to each field.
 */
export function NewPilot({ onCancel }: { onCancel: () => void }) {
  const { api } = useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<PilotForm>(emptyPilotForm);
  const formRef = useFocusFirst<HTMLFormElement>(true);
  const lastSent = useRef<{ body: string; key: string } | null>(null);
  const create = useMutation({
    mutationFn: async (f: PilotForm) => {
      const body = createBody(f, {});
      const json = JSON.stringify(body);
      const key = lastSent.current?.body === json ? lastSent.current.key : crypto.randomUUID();
      lastSent.current = { body: json, key };
      return ok(await api.POST('/pilots', { body, headers: { 'idempotency-key': key } }));
    },
    onSuccess: (pilot) => {
      void queryClient.invalidateQueries({ queryKey: ['pilots'] });
      void navigate(`/app/pilots/${pilot.id}`, { state: { created: true } });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form);
  };
  return (
    <form ref={formRef} className="pilot-form" aria-labelledby="new-pilot-h" onSubmit={submit} noValidate>
      <h2 id="new-pilot-h">New pilot</h2>
      <PilotFields form={form} onChange={setForm} errors={fieldErrorsOf(create.error)} />
      {create.isError && <ErrorState error={create.error} />}
      <div className="actions">
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create draft pilot'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
