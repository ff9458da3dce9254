import { expect } from 'vitest';
import { call, checkDocumented, stack, tokenFor, waitForTender } from './api.ts';

/** Helpers shared by the spreadsheet integration tests (requirement import, matrix, package). */
export const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

export type Item = {
  itemId: string;
  key: string;
  requirementId: string;
  version: number;
  status: string;
  owner: string | null;
  lastComment: string | null;
  title: Record<string, string>;
  lotIds: string[];
  /** false for a desirable (optional) requirement */
  mandatory: boolean;
  answer: { value: unknown; text: string | null } | null;
  compliant: boolean | null;
  archived: boolean;
  evidence: { evidenceId: string }[];
};

export const importSheet = (
  token: string,
  path: string,
  fileName: string,
  bytes: Buffer | string,
  extra: Record<string, unknown> = {},
) =>
  call('POST', path, { token, body: JSON.stringify({ file: { fileName, content: b64(bytes) }, ...extra }) });

/** Import a file as a new tender and wait for its intake. */
export async function newTenderFromSheet(token: string, fileName: string, bytes: Buffer | string) {
  const res = await importSheet(token, '/tenders/requirements/import', fileName, bytes);
  expect(res.status).toBe(202);
  const tenderId = String(res.json.tenderId);
  const tender = await waitForTender(token, tenderId);
  expect(tender.status).toBe('ready');
  return { tenderId, imported: res.json };
}

export async function checklist(token: string, tenderId: string, includeArchived = false): Promise<Item[]> {
  const res = await call(
    'GET',
    `/tenders/${tenderId}/checklist?limit=1000${includeArchived ? '&includeArchived=true' : ''}`,
    { token },
  );
  expect(res.status).toBe(200);
  return res.json.items as Item[];
}

export const byRequirement = (items: Item[], id: string): Item => {
  const item = items.find((i) => i.requirementId === id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
};

export const patchItem = (
  token: string,
  tenderId: string,
  item: Pick<Item, 'itemId' | 'version'>,
  body: unknown,
) =>
  call('PATCH', `/tenders/${tenderId}/checklist/${item.itemId}`, {
    token,
    body: JSON.stringify(body),
    headers: { 'if-match': `"${item.version}"` },
  });

/** The matrix file as bytes (the JSON client would decode a binary body as text). */
export async function downloadMatrix(
  token: string,
  tenderId: string,
  format: 'xlsx' | 'csv',
): Promise<Buffer> {
  const path = `/tenders/${tenderId}/compliance-matrix?format=${format}`;
  const res = await fetch(`${stack().apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  checkDocumented('GET', path, res.status, res.headers.get('content-type'), undefined);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain(format === 'xlsx' ? 'spreadsheetml' : 'text/csv');
  return Buffer.from(await res.arrayBuffer());
}

export const reimport = (token: string, tenderId: string, fileName: string, bytes: Buffer | string) =>
  call('POST', `/tenders/${tenderId}/compliance-matrix`, {
    token,
    body: JSON.stringify({ file: { fileName, content: b64(bytes) } }),
  });

/** Register, upload and complete an evidence file. */
export async function uploadEvidence(token: string, title: string, body: Buffer) {
  const created = await call('POST', '/evidence', {
    token,
    body: JSON.stringify({
      title,
      type: 'certificate',
      fileName: 'cert.pdf',
      contentType: 'application/pdf',
      bytes: body.length,
    }),
  });
  expect(created.status).toBe(201);
  const upload = created.json.upload as { uploadUrl: string; headers: Record<string, string> };
  const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body });
  expect(put.status).toBe(200);
  const id = String((created.json.evidence as { evidenceId: string }).evidenceId);
  const done = await call('POST', `/evidence/${id}/complete`, { token });
  expect(done.status).toBe(200);
  return id;
}

export { tokenFor };
