import { useQuery } from '@tanstack/react-query';
import { ApiError, ok } from '../api/client';
import { useApp } from './app-context';
import { isRunning } from './custom-dev-model';

export * from './custom-dev-model';

/** A request, polled while a workflow runs on it (assessment, specification, pilot). */
export const requestKey = (id: string) => ['custom-dev-request', id] as const;

export function useRequest(id: string) {
  const { api } = useApp();
  return useQuery({
    queryKey: requestKey(id),
    queryFn: async () => {
      const res = await api.GET('/custom-dev-requests/{id}', { params: { path: { id } } });
      return ok(res);
    },
    refetchInterval: (q) => (isRunning(q.state.data) ? 1000 : false),
  });
}

/** The message the API gave for one field (`effortDays.likely`, `reason`), if it named it. */
export function fieldError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find((e) => e.path === path)?.message;
}

/** Fields the form shows next to their input; the rest go to the form's error summary. */
export function otherErrors(error: unknown, shown: readonly string[]): unknown {
  if (!(error instanceof ApiError)) return error;
  const rest = error.problem.errors?.filter((e) => !shown.includes(e.path)) ?? [];
  return new ApiError(error.status, { ...error.problem, errors: rest });
}
