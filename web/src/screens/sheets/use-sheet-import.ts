import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import * as z from 'zod/mini';
import { type Api, ok } from '../../api/client';
import type { paths } from '../../api/schema';
import { useApp } from '../../lib/app-context';
import type { MappingInput } from './mapping';
import { refreshTender } from './refresh';
import { type SheetFileBody, sheetFileBody } from './sheet-file';

export type Imported =
  paths['/tenders/requirements/import']['post']['responses'][202]['content']['application/json'];

/** The 422 problem: the file was read, but the mapping is uncertain (or no row was usable). */
const MappingProblem = z.object({
  detail: z.string(),
  candidate: z.nullable(
    z.object({
      headerRow: z.number(),
      columns: z.record(z.string(), z.object({ column: z.string(), header: z.string() })),
    }),
  ),
  /** the sheet the candidate is on (null: a CSV file, or a sheet not named) and every sheet of the file */
  sheet: z.optional(z.nullable(z.string())),
  sheets: z.optional(z.array(z.string())),
  doubts: z.array(z.string()),
  rejected: z.array(z.object({ row: z.number(), reason: z.string() })),
});
export type MappingProblem = z.infer<typeof MappingProblem>;

export type SheetImportState =
  | { phase: 'idle' }
  | { phase: 'sending'; file: File; upload: number | null; problem: MappingProblem | null }
  | { phase: 'mapping'; file: File; problem: MappingProblem; error: unknown }
  | { phase: 'started'; file: File; result: Imported }
  | { phase: 'failed'; file: File; error: unknown };

async function post(
  api: Api,
  tenderId: string | undefined,
  file: SheetFileBody,
  mapping?: MappingInput,
  sheet?: string | null,
) {
  // the mapping confirmed is the candidate's: of the sheet the 422 named
  const body = { file, ...(mapping ? { mapping } : {}), ...(sheet ? { sheet } : {}) };
  return tenderId
    ? api.POST('/tenders/{id}/requirements/import', {
        params: { path: { id: tenderId }, query: {} },
        body,
      })
    : api.POST('/tenders/requirements/import', { params: { query: {} }, body });
}

/**
 * A spreadsheet of requirements sent to the API — a new tender, or into `tenderId` — and, when the
 * API is unsure of the columns (422), sent again with the mapping the user confirmed. The file's
 * bytes are read (or uploaded) once and kept, so nothing is lost between tries.
 */
export function useSheetImport(tenderId?: string) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [state, setState] = useState<SheetImportState>({ phase: 'idle' });
  const body = useRef<{ file: File; body: SheetFileBody } | null>(null);

  const send = async (file: File, mapping?: MappingInput, problem: MappingProblem | null = null) => {
    setState({ phase: 'sending', file, upload: null, problem });
    try {
      if (body.current?.file !== file)
        body.current = {
          file,
          body: await sheetFileBody(api, file, (f) =>
            setState({ phase: 'sending', file, upload: f, problem }),
          ),
        };
      const res = await post(api, tenderId, body.current.body, mapping, problem?.sheet);
      if (res.response.status === 422) {
        const parsed = z.safeParse(MappingProblem, res.error);
        if (parsed.success) return setState({ phase: 'mapping', file, problem: parsed.data, error: null });
      }
      const result = ok(res);
      setState({ phase: 'started', file, result });
      // the tender is importing now: its views read again (and the workspace polls until the intake is done)
      refreshTender(queryClient, result.tenderId);
    } catch (error) {
      // a refused mapping keeps the form (and what was typed) on screen, with the API's reasons
      setState(problem ? { phase: 'mapping', file, problem, error } : { phase: 'failed', file, error });
    }
  };

  return {
    state,
    start: (file: File) => void send(file),
    confirm: (mapping: MappingInput) => {
      if (state.phase === 'mapping') void send(state.file, mapping, state.problem);
    },
    reset: () => {
      body.current = null;
      setState({ phase: 'idle' });
    },
  };
}
