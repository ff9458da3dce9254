import { InvalidInputError, PermissionError, StateConflictError } from '../../lib/errors.ts';
import type { Role } from '../../lib/roles.ts';
import { checkAnswer } from './answer.ts';
import type { Answer, ChecklistItemState, ItemStatus, RequirementSpec } from './types.ts';

/**
 * Working an item: who may change what, and which status moves are legal.
 *
 *   open → in_progress → answered → approved | rejected
 *   not_applicable is a request (with a justification) that a reviewer approves or rejects;
 *   an approved N/A is `approved` with `notApplicable: true` and needs no answer.
 * Contributors answer; reviewers approve and reject; bid managers (and admins) assign owners and
 * due dates and may override any transition (recorded as an override in the audit).
 */
const MOVES: Record<ItemStatus, readonly ItemStatus[]> = {
  open: ['in_progress', 'answered', 'not_applicable'],
  in_progress: ['open', 'answered', 'not_applicable'],
  answered: ['in_progress', 'approved', 'rejected', 'not_applicable'],
  rejected: ['in_progress', 'answered', 'not_applicable'],
  not_applicable: ['in_progress', 'approved', 'rejected'],
  approved: [],
};

const REVIEW: readonly ItemStatus[] = ['approved', 'rejected'];

export interface ItemWork {
  status: ItemStatus;
  owner: string | null;
  dueAt: string | null;
  answer: Answer | null;
  compliant: boolean | null;
  nonComplianceReason: string | null;
  notApplicable: boolean;
  justification: string | null;
  lastComment: string | null;
}

/** The work on an item and its attached evidence: what a change may alter, each change audited. */
export type TrackedWork = ItemWork & Pick<ChecklistItemState, 'evidence'>;
export const TRACKED_WORK_FIELDS: readonly (keyof TrackedWork)[] = [
  'evidence',
  'status',
  'owner',
  'dueAt',
  'answer',
  'compliant',
  'nonComplianceReason',
  'notApplicable',
  'justification',
  'lastComment',
];

export interface ItemChange {
  owner?: string | null;
  dueAt?: string | null;
  answer?: { value?: unknown; text?: string | null };
  status?: ItemStatus;
  comment?: string;
  /** handled by the caller (it needs the evidence library); listed so a change may carry it */
  evidence?: { attach?: string[]; detach?: string[] };
}

const has = (roles: readonly Role[], ...wanted: Role[]) => roles.some((r) => wanted.includes(r));

/** Bid managers and admins: they assign, override transitions and change an approved item's evidence. */
export const isManager = (roles: readonly Role[]) => has(roles, 'bid-manager', 'admin');

/**
 * Apply a change to an item. Throws InvalidInputError (400) for a bad value or a missing
 * justification, PermissionError (403) for a role that may not make it, StateConflictError (409)
 * for an illegal transition. Returns the new state and whether a manager's override was used.
 */
export function applyChange(
  spec: Pick<RequirementSpec, 'dataType' | 'expectedValue' | 'minValue' | 'maxValue' | 'pattern'>,
  current: ItemWork,
  change: ItemChange,
  roles: readonly Role[],
): { next: ItemWork; override: boolean } {
  const manager = isManager(roles);
  const next: ItemWork = { ...current, lastComment: change.comment ?? null };
  let override = false;

  if (change.owner !== undefined || change.dueAt !== undefined) {
    if (!manager) throw new PermissionError('only a bid manager assigns owners and due dates');
    if (change.owner !== undefined) next.owner = change.owner;
    if (change.dueAt !== undefined) next.dueAt = change.dueAt;
  }

  let target = change.status;
  if (change.answer !== undefined) {
    if (!has(roles, 'contributor', 'bid-manager', 'admin'))
      throw new PermissionError('only contributors and bid managers answer');
    const check = checkAnswer(spec, change.answer.value ?? null);
    if (!check.ok)
      throw new InvalidInputError('the answer does not fit the requirement', [
        { path: 'answer.value', message: check.message },
      ]);
    next.answer = { value: check.value, text: change.answer.text ?? null };
    next.compliant = check.value === null ? null : check.compliant;
    next.nonComplianceReason = check.value === null ? null : check.reason;
    next.notApplicable = false;
    // A new answer needs (re-)review unless the caller says where it stands.
    target ??= current.status === 'answered' ? undefined : 'answered';
    if (current.status === 'approved' && target === 'answered' && !manager) {
      throw new StateConflictError(
        'the item is approved; a bid manager must reopen it before the answer changes',
      );
    }
  }

  if (target !== undefined && target !== current.status) {
    if (REVIEW.includes(target) && !has(roles, 'reviewer', 'bid-manager', 'admin')) {
      throw new PermissionError(`only reviewers ${target === 'approved' ? 'approve' : 'reject'} items`);
    }
    if (!MOVES[current.status].includes(target)) {
      if (!manager) throw new StateConflictError(`an item cannot move from ${current.status} to ${target}`);
      override = true;
    }
    if (target === 'rejected' && !change.comment) {
      throw new InvalidInputError('a rejection needs a comment', [
        { path: 'comment', message: 'required when rejecting' },
      ]);
    }
    if (target === 'not_applicable') {
      if (!change.comment) {
        throw new InvalidInputError('not applicable needs a justification', [
          { path: 'comment', message: 'required: why the requirement does not apply' },
        ]);
      }
      next.justification = change.comment;
    }
    if (target === 'answered' && next.answer === null) {
      throw new InvalidInputError('an item is answered only with an answer', [
        { path: 'answer', message: 'required to mark the item answered' },
      ]);
    }
    if (target === 'approved') next.notApplicable = current.status === 'not_applicable';
    next.status = target;
  }
  return { next, override };
}

/** The attached evidence's snapshot on an item; see ChecklistItemState.evidence. */
type AttachedEvidence = ChecklistItemState['evidence'][number];

/** What the library holds for an evidence id the change would attach. */
export interface LibraryEvidence {
  title: string;
  type: AttachedEvidence['type'];
  validUntil: string | null;
  status: 'pending-upload' | 'available';
}

/**
 * The item's evidence after a change attaches and detaches some: an approved item's evidence is
 * locked (StateConflictError, 409) unless a bid manager changes it or overrides; only the
 * organisation's own, uploaded evidence can be attached (InvalidInputError naming each bad id, 400);
 * the item keeps a snapshot of each attachment's title, type and validity.
 */
export function reviseEvidence(
  current: { status: ItemStatus; evidence: AttachedEvidence[] },
  change: { attach?: string[]; detach?: string[] } | undefined,
  library: ReadonlyMap<string, LibraryEvidence>,
  opts: { roles: readonly Role[]; override: boolean },
): AttachedEvidence[] {
  if (!change) return current.evidence;
  if (current.status === 'approved' && !opts.override && !isManager(opts.roles))
    throw new StateConflictError(
      'the item is approved; a bid manager must reopen it before its evidence changes',
    );
  const kept = keptEvidence(current.evidence, change);
  const attached: AttachedEvidence[] = [];
  const problems = evidenceToAttach(current, change).flatMap((id, i) => {
    const e = library.get(id);
    if (!e) return [{ path: `evidence.attach[${i}]`, message: `no evidence ${id} in this organisation` }];
    if (e.status !== 'available')
      return [{ path: `evidence.attach[${i}]`, message: `evidence ${id} is not uploaded yet` }];
    attached.push({ evidenceId: id, title: e.title, type: e.type, validUntil: e.validUntil });
    return [];
  });
  if (problems.length) throw new InvalidInputError('cannot attach that evidence', problems);
  return [...kept, ...attached];
}

const keptEvidence = (evidence: AttachedEvidence[], change: { detach?: string[] }) => {
  const detach = new Set(change.detach ?? []);
  return evidence.filter((e) => !detach.has(e.evidenceId));
};

/** The ids a change newly attaches (one already kept is not attached twice): the library is read for these. */
export function evidenceToAttach(
  current: { evidence: AttachedEvidence[] },
  change: { attach?: string[]; detach?: string[] } | undefined,
): string[] {
  if (!change) return [];
  const kept = keptEvidence(current.evidence, change);
  return (change.attach ?? []).filter((id) => !kept.some((e) => e.evidenceId === id));
}

/** The audit action of a change: an override, a status move, an answer, or another update. */
export const auditAction = (change: ItemChange, override: boolean): string =>
  override ? 'override' : change.status ? `status:${change.status}` : change.answer ? 'answer' : 'update';
