import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Api, ApiError, ok } from '../api/client';
import { useApp } from './app-context';
import { type Commercial, type CustomDevRequest, requestKey, type Technical } from './custom-dev';

/** One input of a request, as the forms edit it: how to read it from the request and how to PUT it. */
export interface InputSpec<T> {
  read: (r: CustomDevRequest) => T | null;
  put: (api: Api, id: string, version: number, body: T) => Promise<CustomDevRequest>;
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
export const technicalInput: InputSpec<Technical> = {
  read: (r) => r.technical,
  put: async (api, id, version, body) =>
    ok(
      await api.PUT('/custom-dev-requests/{id}/technical', {
        params: { path: { id } },
        headers: ifMatch(version),
        body,
      }),
    ),
};
export const commercialInput: InputSpec<Commercial> = {
  read: (r) => r.commercial,
  put: async (api, id, version, body) =>
    ok(
      await api.PUT('/custom-dev-requests/{id}/commercial', {
        params: { path: { id } },
        headers: ifMatch(version),
        body,
      }),
    ),
};

/** A save refused because someone else changed this input first: mine is kept, theirs is shown. */
export interface InputConflict<T> {
  mine: T;
  theirs: T | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * PUT …/technical or …/commercial with If-Match. The form was filled on top of one value of this input
 * (`base`): when the request now holds another one (someone else saved it), the save is refused with a
 * conflict instead of overwriting — by the API (412, then the request is reloaded) or, when a reload
 * already showed it, before sending. Nothing the user typed is lost; they save theirs on top of the
 * latest, or discard it.
 */
export function useInputSave<T>(request: CustomDevRequest, spec: InputSpec<T>) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<T | null>(() => spec.read(request));
  const [conflict, setConflict] = useState<InputConflict<T> | null>(null);
  const key = requestKey(request.requestId);
  const latest = () => queryClient.getQueryData<CustomDevRequest>(key);

  const mutation = useMutation({
    mutationFn: ({ body, version }: { body: T; version: number }) =>
      spec.put(api, request.requestId, version, body),
    onSuccess: (saved) => {
      setConflict(null);
      setBase(spec.read(saved));
      queryClient.setQueryData(key, saved);
      void queryClient.invalidateQueries({ queryKey: ['custom-dev-requests'] });
      void queryClient.invalidateQueries({ queryKey: ['audit', 'custom-dev-request', request.requestId] });
    },
    onError: async (error, { body }) => {
      if (!(error instanceof ApiError && error.status === 412)) return;
      await queryClient.invalidateQueries({ queryKey: key });
      const fresh = latest();
      setConflict({ mine: body, theirs: fresh ? spec.read(fresh) : null });
    },
  });

  return {
    save: (body: T) => {
      const now = latest() ?? request;
      if (!same(spec.read(now), base)) return setConflict({ mine: body, theirs: spec.read(now) });
      mutation.mutate({ body, version: now.version });
    },
    /** save mine on top of the latest version (theirs is replaced, knowingly) */
    overwrite: () => {
      const now = latest();
      if (!conflict || !now) return;
      setBase(spec.read(now));
      mutation.mutate({ body: conflict.mine, version: now.version });
    },
    /** drop mine: the caller reloads the form with the latest */
    discard: () => {
      const now = latest();
      setBase(now ? spec.read(now) : null);
      setConflict(null);
      mutation.reset();
    },
    conflict,
    pending: mutation.isPending,
    saved: mutation.isSuccess,
    error: mutation.error instanceof ApiError && mutation.error.status === 412 ? null : mutation.error,
  };
}
