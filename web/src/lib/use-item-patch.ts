import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, type ChecklistItem, ok } from '../api/client';
import type { paths } from '../api/schema';
import { useApp } from './app-context';

export type ItemPatch =
  paths['/tenders/{id}/checklist/{itemId}']['patch']['requestBody']['content']['application/json'];

/** A change refused with 412: what the user sent, on which version, and the item as it now is. */
export interface Conflict {
  mine: ItemPatch;
  base: ChecklistItem;
  current: ChecklistItem | undefined;
}

/**
 * PATCH a checklist item with If-Match on the version the user saw. A 412 loses nothing: the change is
 * kept, the latest item is fetched, and the user can re-apply the change on top of it.
 */
export function useItemPatch(tenderId: string, item: ChecklistItem) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ body, version }: { body: ItemPatch; version: number }) =>
      ok(
        await api.PATCH('/tenders/{id}/checklist/{itemId}', {
          params: { path: { id: tenderId, itemId: item.itemId } },
          headers: { 'if-match': `"${version}"` },
          body,
        }),
      ),
    onSuccess: (saved) => {
      setConflict(null);
      queryClient.setQueryData<ChecklistItem[]>(['checklist', tenderId], (old) =>
        old?.map((i) => (i.itemId === saved.itemId ? saved : i)),
      );
      void queryClient.invalidateQueries({ queryKey: ['readiness', tenderId] });
      void queryClient.invalidateQueries({ queryKey: ['audit', tenderId] });
    },
    onError: async (error, { body }) => {
      if (!(error instanceof ApiError && error.status === 412)) return;
      await queryClient.invalidateQueries({ queryKey: ['checklist', tenderId] });
      const fresh = queryClient
        .getQueryData<ChecklistItem[]>(['checklist', tenderId])
        ?.find((i) => i.itemId === item.itemId);
      setConflict({ mine: body, base: item, current: fresh });
    },
  });
  return {
    save: (body: ItemPatch) => mutation.mutate({ body, version: item.version }),
    retry: () => {
      if (conflict?.current) mutation.mutate({ body: conflict.mine, version: conflict.current.version });
    },
    discard: () => {
      setConflict(null);
      mutation.reset();
    },
    conflict,
    pending: mutation.isPending,
    error: mutation.error instanceof ApiError && mutation.error.status === 412 ? null : mutation.error,
  };
}
