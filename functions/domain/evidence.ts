import { InvalidInputError } from '../lib/errors.ts';
import type { ChecklistItemState } from './checklist/types.ts';

/** Company documents used as evidence: certificates, licences, registrations, financial statements, references. */
export const EVIDENCE_TYPES = [
  'certificate',
  'licence',
  'registration',
  'financial-statement',
  'reference',
  'insurance',
  'declaration',
  'policy',
  'other',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

/** What may be uploaded, and how large. */
export const EVIDENCE_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
  'text/plain',
] as const;
export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

export interface EvidenceRecord {
  evidenceId: string;
  title: string;
  type: EvidenceType;
  tags: string[];
  validFrom: string | null;
  validUntil: string | null;
  fileName: string;
  contentType: string;
  bytes: number;
  status: 'pending-upload' | 'available';
  sha256: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** What PATCH /evidence/{id} may change: the description and the validity, never the file. */
export type EvidenceEdit = Partial<
  Pick<EvidenceRecord, 'title' | 'type' | 'tags' | 'validFrom' | 'validUntil'>
>;
export const EDITABLE_EVIDENCE_FIELDS = ['title', 'type', 'tags', 'validFrom', 'validUntil'] as const;

const utc = (instant: string | null) => instant && new Date(instant).toISOString();

/**
 * An edit of an evidence record: validity instants (any offset) are stored in UTC, and the validity may
 * not end before it starts, counting the record's current dates for a side the edit leaves alone
 * (InvalidInputError naming validUntil, 400).
 */
export function editEvidence(record: Pick<EvidenceRecord, 'validFrom' | 'validUntil'>, edit: EvidenceEdit) {
  const next: EvidenceEdit = {
    ...edit,
    ...(edit.validFrom !== undefined ? { validFrom: utc(edit.validFrom) } : {}),
    ...(edit.validUntil !== undefined ? { validUntil: utc(edit.validUntil) } : {}),
  };
  const from = next.validFrom !== undefined ? next.validFrom : record.validFrom;
  const until = next.validUntil !== undefined ? next.validUntil : record.validUntil;
  if (from && until && until < from)
    throw new InvalidInputError('invalid validity', [
      { path: 'validUntil', message: 'ends before validFrom' },
    ]);
  return next;
}

const words = (s: string | null | undefined) =>
  new Set(
    (s ?? '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 3),
  );

/**
 * Library evidence that could answer an item, best first: the item's eligible evidence types and
 * classification against the evidence type and tags, and shared words in the titles. Expired
 * evidence and evidence still uploading are never suggested.
 */
export function suggestEvidence(
  item: Pick<
    ChecklistItemState,
    'eligibleEvidences' | 'classification' | 'category' | 'title' | 'criterionTitle'
  >,
  library: EvidenceRecord[],
  now: string,
  limit = 5,
): { evidence: EvidenceRecord; score: number; why: string[] }[] {
  const itemWords = new Set([
    ...Object.values(item.title).flatMap((t) => [...words(t)]),
    ...Object.values(item.criterionTitle).flatMap((t) => [...words(t)]),
    ...item.eligibleEvidences.flatMap((e) => [...words(e.title)]),
  ]);
  const classification = item.classification?.id.toLowerCase() ?? '';
  return library
    .filter((e) => e.status === 'available' && (e.validUntil === null || e.validUntil >= now))
    .map((e) => {
      const why: string[] = [];
      let score = 0;
      const tags = e.tags.map((t) => t.toLowerCase());
      if (classification && tags.some((t) => classification.includes(t))) {
        score += 3;
        why.push('a tag matches the classification');
      }
      if (
        item.eligibleEvidences.some((ev) => ev.type?.toLowerCase() === e.type || words(ev.title).has(e.type))
      ) {
        score += 2;
        why.push(`eligible evidence of type ${e.type}`);
      }
      if (tags.includes(item.category)) {
        score += 1;
        why.push(`tagged ${item.category}`);
      }
      const shared = [...words(e.title), ...tags].filter((w) => itemWords.has(w));
      if (shared.length) {
        score += Math.min(2, shared.length * 0.5);
        why.push(`shares words: ${[...new Set(shared)].slice(0, 3).join(', ')}`);
      }
      return { evidence: e, score, why };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.evidence.title.localeCompare(b.evidence.title))
    .slice(0, limit);
}
