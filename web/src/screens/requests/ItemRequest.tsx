import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, type ChecklistItem, ok } from '../../api/client';
import { ErrorState } from '../../components/States';
import { useApp, useSession } from '../../lib/app-context';
import { linkedRequest, requestKey } from '../../lib/custom-dev';
import { can } from '../../lib/session';

/**
 * In the item editor: the item's custom-development request as a link, or — for the roles that may —
 * "Request custom development" from it (If-Match: the item's version; the API prefills client, problem and
 * needed-by from the tender and links both ways), which opens the new request.
 */
export function ItemRequest({ tenderId, item }: { tenderId: string; item: ChecklistItem }) {
  const session = useSession();
  const linked = linkedRequest(item);
  if (linked) return <LinkedRequest requestId={linked.requestId} fallbackStatus={linked.status} />;
  if (!can(session, 'requestCustomDev')) return null;
  return <RequestFromItem tenderId={tenderId} item={item} />;
}

function LinkedRequest({ requestId, fallbackStatus }: { requestId: string; fallbackStatus: string }) {
  const { api } = useApp();
  // the link on the item records the status at creation: show the request's status now
  const current = useQuery({
    queryKey: requestKey(requestId),
    queryFn: async () =>
      ok(await api.GET('/custom-dev-requests/{id}', { params: { path: { id: requestId } } })),
  });
  return (
    <p className="item-request">
      Custom development: <Link to={`/app/requests/${requestId}`}>open the request</Link>{' '}
      <span className="badge">{current.data?.status ?? fallbackStatus}</span>
    </p>
  );
}

function RequestFromItem({ tenderId, item }: { tenderId: string; item: ChecklistItem }) {
  const { api } = useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [fit, setFit] = useState('3');
  const create = useMutation({
    mutationFn: async () =>
      ok(
        await api.POST('/tenders/{id}/checklist/{itemId}/custom-dev-request', {
          params: { path: { id: tenderId, itemId: item.itemId } },
          headers: { 'if-match': `"${item.version}"` },
          body: { strategicFit: Number(fit) },
        }),
      ),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: ['checklist', tenderId] });
      void queryClient.invalidateQueries({ queryKey: ['custom-dev-requests'] });
      navigate(`/app/requests/${r.requestId}`);
    },
    onError: (error) => {
      // the item changed meanwhile (or already has a request): show it as it is now
      if (error instanceof ApiError && (error.status === 412 || error.status === 409))
        void queryClient.invalidateQueries({ queryKey: ['checklist', tenderId] });
    },
  });
  const id = `fit-${item.itemId}`;
  return (
    <form
      className="inline-form item-request"
      aria-label="Request custom development"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <label htmlFor={id}>Strategic fit (1–5)</label>
      <select id={id} value={fit} onChange={(e) => setFit(e.target.value)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <button type="submit" disabled={create.isPending}>
        Request custom development
      </button>
      {create.error && <ErrorState error={create.error} />}
    </form>
  );
}
