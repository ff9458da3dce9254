import { useQuery } from '@tanstack/react-query';
import { ok } from '../api/client';
import { Empty, ErrorState, Loading } from '../components/States';
import { useApp, useSession } from '../lib/app-context';
import { expiry } from '../lib/expiry';
import { can } from '../lib/session';
import { useNow } from '../lib/use-now';
import { EvidenceUpload } from './EvidenceUpload';

/** Screen 5: the organisation's evidence library, validity and expiry warnings, tags; upload with progress. */
export default function EvidenceLibrary() {
  const { api } = useApp();
  const session = useSession();
  const now = useNow(60_000);
  const evidence = useQuery({
    queryKey: ['evidence'],
    queryFn: async () => ok(await api.GET('/evidence', { params: { query: { limit: 200 } } })).items,
  });
  return (
    <section aria-labelledby="ev-h">
      <h1 id="ev-h">Evidence library</h1>
      {can(session, 'editEvidence') && <EvidenceUpload />}
      {evidence.isPending ? (
        <Loading what="the library" />
      ) : evidence.isError ? (
        <ErrorState error={evidence.error} retry={() => void evidence.refetch()} />
      ) : evidence.data.length === 0 ? (
        <Empty>
          The library is empty: upload certificates, licences and statements once, attach them to any tender.
        </Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Evidence documents</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Type</th>
                <th scope="col">Validity</th>
                <th scope="col">Tags</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {evidence.data.map((e) => {
                const x = expiry(e.validUntil, now);
                return (
                  <tr key={e.evidenceId}>
                    <th scope="row">{e.title}</th>
                    <td>{e.type}</td>
                    <td>
                      <span className={`badge ${x.level}`}>{x.label}</span>
                    </td>
                    <td>{e.tags.join(', ') || '—'}</td>
                    <td>
                      {e.fileName}{' '}
                      {e.status === 'pending-upload' && <span className="badge open">upload pending</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
