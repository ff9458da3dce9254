import { useQuery } from '@tanstack/react-query';
import { type ChecklistItem, ok } from '../api/client';
import { useApp } from './app-context';

/** Every item of a tender's checklist (pages of 1,000 followed to the end). */
export function useChecklist(tenderId: string, enabled = true) {
  const { api } = useApp();
  return useQuery({
    queryKey: ['checklist', tenderId],
    enabled,
    queryFn: async () => {
      const items: ChecklistItem[] = [];
      let cursor: string | undefined;
      do {
        const page = ok(
          await api.GET('/tenders/{id}/checklist', {
            params: { path: { id: tenderId }, query: { limit: 1000, ...(cursor ? { cursor } : {}) } },
          }),
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

export function useTender(tenderId: string) {
  const { api } = useApp();
  return useQuery({
    queryKey: ['tender', tenderId],
    queryFn: async () => ok(await api.GET('/tenders/{id}', { params: { path: { id: tenderId } } })),
    refetchInterval: (q) => (q.state.data?.status === 'importing' ? 1000 : false),
  });
}
