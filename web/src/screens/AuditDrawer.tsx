import { useQuery } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { type Api, ok } from '../api/client';
import { Empty, ErrorState, Loading } from '../components/States';
import { useApp } from '../lib/app-context';

/** What has an audit trail: a tender (and its checklist), a custom-development request, a pilot. */
export type Audited = { kind: 'tender' | 'custom-dev-request' | 'pilot'; id: string };

const describe: Record<Audited['kind'], string> = {
  tender: 'Every change to this tender and its checklist, newest first.',
  'custom-dev-request': 'Every change to this request: inputs, assessment, decision.',
  pilot: 'Every change to this pilot: scope, lifecycle, evaluations.',
};

async function loadAudit(api: Api, { kind, id }: Audited) {
  const params = { params: { path: { id }, query: { limit: 200 } } };
  if (kind === 'tender') return ok(await api.GET('/tenders/{id}/audit', params)).items;
  if (kind === 'custom-dev-request')
    return ok(await api.GET('/custom-dev-requests/{id}/audit', params)).items;
  return ok(await api.GET('/pilots/{id}/audit', params)).items;
}

/** An audit trail in a side drawer (Radix Dialog: focus trap, Escape, labelled). */
export function AuditDrawer({ subject }: { subject: Audited }) {
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const audit = useQuery({
    queryKey: ['audit', subject.kind, subject.id],
    enabled: open,
    queryFn: () => loadAudit(api, subject),
  });
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button">Audit trail</button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="drawer">
          <Dialog.Title>Audit trail</Dialog.Title>
          <Dialog.Description className="sub">{describe[subject.kind]}</Dialog.Description>
          {audit.isPending ? (
            <Loading what="the audit trail" />
          ) : audit.isError ? (
            <ErrorState error={audit.error} />
          ) : audit.data.length === 0 ? (
            <Empty>No changes recorded yet.</Empty>
          ) : (
            <ol className="audit">
              {audit.data.map((a) => (
                <li key={`${a.at}:${a.entity}:${a.action}`}>
                  <time dateTime={a.at}>{new Date(a.at).toLocaleString('en-GB')}</time> —{' '}
                  <strong>{a.actor}</strong> {a.action} <code>{a.entity}</code>
                </li>
              ))}
            </ol>
          )}
          <Dialog.Close asChild>
            <button type="button">Close</button>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
