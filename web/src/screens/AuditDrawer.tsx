import { useQuery } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { ok } from '../api/client';
import { Empty, ErrorState, Loading } from '../components/States';
import { useApp } from '../lib/app-context';

/** The tender's audit trail in a side drawer (Radix Dialog: focus trap, Escape, labelled). */
export function AuditDrawer({ tenderId }: { tenderId: string }) {
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const audit = useQuery({
    queryKey: ['audit', tenderId],
    enabled: open,
    queryFn: async () =>
      ok(await api.GET('/tenders/{id}/audit', { params: { path: { id: tenderId }, query: { limit: 200 } } }))
        .items,
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
          <Dialog.Description className="sub">
            Every change to this tender and its checklist, newest last.
          </Dialog.Description>
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
