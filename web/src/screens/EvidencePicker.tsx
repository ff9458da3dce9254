import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ok } from '../api/client';
import { useApp } from '../lib/app-context';
import { expiry } from '../lib/expiry';
import { useNow } from '../lib/use-now';

/** Evidence attached to an item (validity shown) and attaching more from the organisation's library. */
export function EvidencePicker({
  attached,
  editable,
  onAttach,
  onDetach,
}: {
  attached: { evidenceId: string; validUntil: string | null; title?: string | undefined }[];
  editable: boolean;
  onAttach: (evidenceId: string) => void;
  onDetach: (evidenceId: string) => void;
}) {
  const { api } = useApp();
  const now = useNow(60_000);
  const pickId = useId();
  const [pick, setPick] = useState('');
  const library = useQuery({
    queryKey: ['evidence'],
    enabled: editable,
    queryFn: async () => ok(await api.GET('/evidence', { params: { query: { limit: 200 } } })).items,
  });
  const choices = (library.data ?? []).filter(
    (e) => e.status === 'available' && !attached.some((a) => a.evidenceId === e.evidenceId),
  );
  return (
    <div className="evidence-picker">
      <h4>Evidence</h4>
      {attached.length === 0 ? (
        <p className="sub">None attached.</p>
      ) : (
        <ul>
          {attached.map((a) => {
            const x = expiry(a.validUntil, now);
            return (
              <li key={a.evidenceId}>
                {a.title ?? a.evidenceId} <span className={`badge ${x.level}`}>{x.label}</span>
                {editable && (
                  <button type="button" onClick={() => onDetach(a.evidenceId)}>
                    Detach
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {editable && choices.length > 0 && (
        <div className="inline-form">
          <label htmlFor={pickId}>From the library</label>
          <select id={pickId} value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">choose a document…</option>
            {choices.map((e) => (
              <option key={e.evidenceId} value={e.evidenceId}>
                {e.title} ({expiry(e.validUntil, now).label})
              </option>
            ))}
          </select>
          <button type="button" disabled={!pick} onClick={() => onAttach(pick)}>
            Attach
          </button>
        </div>
      )}
    </div>
  );
}
