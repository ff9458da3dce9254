import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ok } from '../api/client';
import { ErrorState } from '../components/States';
import { useApp } from '../lib/app-context';
import { EVENT_LABELS, EVENT_TYPES, type EventType } from '../lib/deadline-words';

/** Record a procurement event (e.g. draft contract received): the API recomputes the deadlines it drives. */
export function RecordEvent() {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const tenders = useQuery({
    queryKey: ['tenders'],
    queryFn: async () => ok(await api.GET('/tenders', { params: { query: { limit: 100 } } })).items,
  });
  const [tender, setTender] = useState('');
  const [type, setType] = useState<EventType>('draft-contract-received');
  const [at, setAt] = useState('');
  const record = useMutation({
    mutationFn: async () =>
      ok(
        await api.POST('/tenders/{id}/events', {
          params: { path: { id: tender } },
          body: { type, at: new Date(at).toISOString() },
        }),
      ),
    onSuccess: () => {
      // moved deadlines re-plan their reminders and raise "moved" alerts
      void queryClient.invalidateQueries({ queryKey: ['deadlines'] });
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  return (
    <form className="inline-form record-event" onSubmit={submit} aria-labelledby="re-h">
      <h2 id="re-h">Record an event</h2>
      <label>
        Tender
        <select value={tender} onChange={(e) => setTender(e.target.value)} required>
          <option value="">choose…</option>
          {(tenders.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.title ?? t.ocid}
            </option>
          ))}
        </select>
      </label>
      <label>
        Event
        <select value={type} onChange={(e) => setType(EVENT_TYPES.find((t) => t === e.target.value) ?? type)}>
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {EVENT_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <label>
        When (your time)
        <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
      </label>
      <button type="submit" disabled={record.isPending || !tender || !at}>
        Record
      </button>
      {record.isSuccess && (
        <p role="status">
          Recorded: {record.data.moved} deadline{record.data.moved === 1 ? '' : 's'} moved,{' '}
          {record.data.deadlines.length} affected.
        </p>
      )}
      {record.isError && <ErrorState error={record.error} />}
    </form>
  );
}
