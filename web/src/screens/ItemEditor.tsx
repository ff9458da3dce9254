import { type FormEvent, useState } from 'react';
import { checkAnswer } from '../../../functions/domain/checklist/answer.ts';
import type { DataType } from '../../../functions/domain/checklist/types.ts';
import type { ChecklistItem } from '../api/client';
import { ErrorState } from '../components/States';
import { useSession } from '../lib/app-context';
import { extraOf } from '../lib/items';
import { can } from '../lib/session';
import { type Conflict, useItemPatch } from '../lib/use-item-patch';
import { EvidencePicker } from './EvidencePicker';
import { ItemRequest } from './requests/ItemRequest';

const DATA_TYPES = [
  'string',
  'boolean',
  'number',
  'integer',
  'date-time',
] as const satisfies readonly DataType[];
const dataTypeOf = (t: string | null): DataType | null => DATA_TYPES.find((d) => d === t) ?? null;

/** Work on one item inline: a typed answer (checked as the API checks it), owner and due date, review. */
export function ItemEditor({ id, tenderId, item }: { id: string; tenderId: string; item: ChecklistItem }) {
  const session = useSession();
  const patch = useItemPatch(tenderId, item);
  const extra = extraOf(item);
  const dataType = dataTypeOf(item.dataType);
  const [value, setValue] = useState(
    item.answer?.value === null || !item.answer ? '' : String(item.answer.value),
  );
  const [owner, setOwner] = useState(item.owner ?? '');
  const [due, setDue] = useState(item.dueAt ? item.dueAt.slice(0, 16) : '');
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const spec = {
    dataType,
    expectedValue: extra.expectedValue ?? null,
    minValue: extra.minValue ?? null,
    maxValue: extra.maxValue ?? null,
    pattern: extra.pattern ?? null,
  };
  const check = value === '' ? null : checkAnswer(spec, value);

  const answer = (e: FormEvent) => {
    e.preventDefault();
    if (!check) return setInvalid('enter an answer');
    if (!check.ok) return setInvalid(check.message);
    setInvalid(null);
    patch.save({ answer: { value: check.value }, ...(comment ? { comment } : {}) });
  };
  const assign = (e: FormEvent) => {
    e.preventDefault();
    patch.save({ owner: owner.trim() || null, dueAt: due ? new Date(due).toISOString() : null });
  };
  const review = (status: 'approved' | 'rejected') => patch.save({ status, ...(comment ? { comment } : {}) });
  const reviewable = item.status === 'answered' || item.status === 'not_applicable';
  const answerId = `${id}-answer`;

  return (
    <div id={id} className="editor">
      {spec.expectedValue !== null || spec.minValue !== null || spec.maxValue !== null ? (
        <p className="sub">
          Expected: {spec.expectedValue !== null && `${String(spec.expectedValue)} `}
          {spec.minValue !== null && `at least ${spec.minValue} `}
          {spec.maxValue !== null && `at most ${spec.maxValue} `}
          {extra.unit}
        </p>
      ) : null}
      {item.nonComplianceReason && <p className="warn">Non-compliant: {item.nonComplianceReason}</p>}
      {patch.conflict && (
        <ConflictPanel conflict={patch.conflict} retry={patch.retry} discard={patch.discard} />
      )}
      {can(session, 'answer') && (
        <form onSubmit={answer} className="inline-form" noValidate>
          <label htmlFor={answerId}>Answer ({dataType ?? 'any value'})</label>
          {dataType === 'boolean' ? (
            <select id={answerId} value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">choose…</option>
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          ) : (
            <input
              id={answerId}
              value={value}
              inputMode={dataType === 'number' || dataType === 'integer' ? 'decimal' : 'text'}
              aria-invalid={invalid !== null || (check !== null && !check.ok)}
              aria-describedby={`${answerId}-msg`}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
          <span id={`${answerId}-msg`} className={invalid || (check && !check.ok) ? 'error' : 'sub'}>
            {invalid ??
              (check && !check.ok
                ? check.message
                : check?.ok && !check.compliant
                  ? `accepted, but ${check.reason}`
                  : '')}
          </span>
          <button type="submit" disabled={patch.pending}>
            Save answer
          </button>
        </form>
      )}
      {can(session, 'assign') && (
        <form onSubmit={assign} className="inline-form">
          <label>
            Owner
            <input value={owner} onChange={(e) => setOwner(e.target.value)} placeholder="user name" />
          </label>
          <label>
            Due
            <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
          </label>
          <button type="submit" disabled={patch.pending}>
            Assign
          </button>
        </form>
      )}
      {(can(session, 'answer') || can(session, 'review')) && (
        <label className="comment">
          Comment (required to reject)
          <input value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
      )}
      {can(session, 'review') && reviewable && (
        <div className="actions">
          <button type="button" disabled={patch.pending} onClick={() => review('approved')}>
            Approve
          </button>
          <button type="button" disabled={patch.pending} onClick={() => review('rejected')}>
            Reject
          </button>
        </div>
      )}
      <EvidencePicker
        attached={extra.evidence ?? []}
        editable={can(session, 'answer')}
        onAttach={(evidenceId) => patch.save({ evidence: { attach: [evidenceId] } })}
        onDetach={(evidenceId) => patch.save({ evidence: { detach: [evidenceId] } })}
      />
      <ItemRequest tenderId={tenderId} item={item} />
      {patch.pending && <p role="status">Saving…</p>}
      {patch.error && <ErrorState error={patch.error} />}
    </div>
  );
}

const show = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function ConflictPanel({
  conflict,
  retry,
  discard,
}: {
  conflict: Conflict;
  retry: () => void;
  discard: () => void;
}) {
  const fields = ['status', 'owner', 'dueAt', 'answer', 'compliant'] as const;
  const changed = conflict.current
    ? fields.filter((f) => show(conflict.base[f]) !== show(conflict.current?.[f]))
    : [];
  return (
    <div className="conflict" role="alert">
      <strong>Someone else changed this item while you were editing.</strong>
      {conflict.current ? (
        <ul>
          {changed.map((f) => (
            <li key={f}>
              {f}: {show(conflict.base[f])} → <strong>{show(conflict.current?.[f])}</strong>
            </li>
          ))}
          {changed.length === 0 && <li>its evidence or comments changed</li>}
        </ul>
      ) : (
        <p>The item could not be reloaded.</p>
      )}
      <p>Your change: {show(conflict.mine)}</p>
      <button type="button" onClick={retry} disabled={!conflict.current}>
        Apply my change to the latest version
      </button>
      <button type="button" onClick={discard}>
        Discard my change
      </button>
    </div>
  );
}
