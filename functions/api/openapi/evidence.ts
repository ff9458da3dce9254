import { z } from 'zod';
import { EVIDENCE_CONTENT_TYPES, EVIDENCE_TYPES } from '../../domain/evidence.ts';
import type { FunctionName } from '../../registry.ts';
import { type Operation, page, problem } from './parts.ts';

const Evidence = z
  .object({
    evidenceId: z.string(),
    title: z.string(),
    type: z.enum(EVIDENCE_TYPES),
    tags: z.array(z.string()),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    fileName: z.string(),
    contentType: z.enum(EVIDENCE_CONTENT_TYPES),
    bytes: z.number().int(),
    status: z.enum(['pending-upload', 'available']),
    sha256: z.string().nullable().describe('computed by the server from the uploaded bytes'),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Evidence', description: 'A company document in the evidence library (ETag: its version)' });

const Upload = z.object({
  uploadUrl: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string(), z.string()),
});

/** The documentation of the evidence library routes. */
export const evidenceContracts: Partial<Record<FunctionName, Operation>> = {
  createEvidence: {
    summary: 'Register a company document and get a presigned upload for its file',
    requestBody: { description: 'type, validity, tags, and the file to upload' },
    responses: {
      201: {
        description: 'PUT the file with exactly these headers, then POST /evidence/{id}/complete',
        schema: z.object({ evidence: Evidence, upload: Upload }),
      },
      400: problem('bad body: type, content type, size (25 MB) or validity'),
    },
  },
  completeEvidence: {
    summary: 'The file is uploaded: record its SHA-256 and make it available',
    responses: {
      200: { description: 'available', schema: Evidence },
      400: problem(
        'nothing uploaded, not the declared size, or not the declared type (its first bytes checked by file-type; the error names the declared and the detected type, and the file is never served)',
      ),
      404: problem('no such evidence in this organisation'),
    },
  },
  getEvidence: {
    summary:
      'One evidence record, with a short-lived download URL once available (always an attachment: Content-Disposition with filename and, for a non-ASCII name, filename* per RFC 6266/5987; Content-Type the checked declared type)',
    responses: {
      200: { description: 'the record', schema: Evidence.extend({ downloadUrl: z.string().nullable() }) },
      404: problem('no such evidence in this organisation'),
    },
  },
  listEvidence: {
    summary: "The organisation's evidence library, newest first",
    responses: {
      200: { description: 'one page', schema: page(Evidence) },
    },
  },
  updateEvidence: {
    summary: 'Change title, type, tags or validity (If-Match: its ETag)',
    requestBody: { description: 'the fields to change' },
    responses: {
      200: { description: 'the record', schema: Evidence },
    },
  },
  listSuggestions: {
    summary: 'Library evidence that could answer a checklist item, best first, with why',
    responses: {
      200: {
        description: 'suggestions',
        schema: z.object({
          items: z.array(z.object({ evidence: Evidence, score: z.number(), why: z.array(z.string()) })),
        }),
      },
      404: problem('no such item'),
    },
  },
};
