import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ok } from '../../api/client';
import { Markdown } from '../../components/Markdown';
import { ErrorState, Loading } from '../../components/States';
import { useApp } from '../../lib/app-context';
import type { PilotDetail } from '../../lib/pilots';

/** The pilot charter (Markdown from the API) for the client to sign: shown on demand, and downloadable. */
export function Charter({ pilot }: { pilot: PilotDetail }) {
  const { api } = useApp();
  const [open, setOpen] = useState(false);
  const charter = useQuery({
    queryKey: ['pilot-charter', pilot.id, pilot.version],
    enabled: open,
    queryFn: async () =>
      ok(await api.GET('/pilots/{id}/charter', { params: { path: { id: pilot.id } }, parseAs: 'text' })),
  });
  const download = (text: string) => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `pilot-charter-${pilot.id}.md`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section aria-labelledby="ch-h" className="pilot-panel">
      <h2 id="ch-h">Charter</h2>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide the charter' : 'Show the charter'}
      </button>
      {open &&
        (charter.isPending ? (
          <Loading what="the charter" />
        ) : charter.isError ? (
          <ErrorState error={charter.error} retry={() => void charter.refetch()} />
        ) : (
          <>
            <button type="button" onClick={() => download(charter.data)}>
              Download charter (.md)
            </button>
            <Markdown text={charter.data} label="Pilot charter" />
          </>
        ))}
    </section>
  );
}
