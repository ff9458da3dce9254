import type { QueryClient } from '@tanstack/react-query';

/** After a spreadsheet changed a tender: every view of it reads again (list, checklist, readiness, amendments, audit). */
export function refreshTender(queryClient: QueryClient, tenderId: string) {
  for (const queryKey of [
    ['tenders'],
    ['tender', tenderId],
    ['checklist', tenderId],
    ['changes', tenderId],
    ['readiness', tenderId],
    ['audit', 'tender', tenderId],
  ])
    void queryClient.invalidateQueries({ queryKey });
}
