import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { ErrorState } from '../../components/States';
import {
  type CustomDevRequest,
  fieldError,
  numberOf,
  otherErrors,
  type Technical,
} from '../../lib/custom-dev';
import { technicalInput, useInputSave } from '../../lib/custom-dev-inputs';
import { ConflictNotice } from './ConflictNotice';
import { linesOf, NumberField } from './fields';

const VERDICTS: readonly Technical['verdict'][] = ['feasible', 'feasible-with-conditions', 'not-feasible'];
const EFFORT = ['optimistic', 'likely', 'pessimistic'] as const;
const SHOWN = [
  'verdict',
  ...EFFORT.map((e) => `effortDays.${e}`),
  'effortDays',
  'dependencies',
  'risks',
  'generic',
  'conditions',
];

const draftOf = (t: Technical | null) => ({
  verdict: t?.verdict ?? 'feasible',
  optimistic: t ? String(t.effortDays.optimistic) : '',
  likely: t ? String(t.effortDays.likely) : '',
  pessimistic: t ? String(t.effortDays.pessimistic) : '',
  dependencies: t?.dependencies.join('\n') ?? '',
  risks: t?.risks.join('\n') ?? '',
  generic: t?.generic ?? false,
  conditions: t?.conditions ?? '',
});

/** The product manager's technical assessment: verdict, three-point effort, dependencies, risks. */
export function TechnicalForm({ request }: { request: CustomDevRequest }) {
  const input = useInputSave(request, technicalInput);
  const [d, setD] = useState(() => draftOf(request.technical));
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((old) => ({ ...old, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const effort = Object.fromEntries(EFFORT.map((k) => [k, numberOf(d[k])]));
    const missing = Object.fromEntries(
      EFFORT.filter((k) => effort[k] === null).map((k) => [k, 'enter a number of days']),
    );
    setLocal(missing);
    const [optimistic, likely, pessimistic] = EFFORT.map((k) => effort[k]);
    if (optimistic == null || likely == null || pessimistic == null) return;
    input.save({
      verdict: d.verdict,
      effortDays: { optimistic, likely, pessimistic },
      dependencies: linesOf(d.dependencies),
      risks: linesOf(d.risks),
      generic: d.generic,
      ...(d.conditions.trim() ? { conditions: d.conditions.trim() } : {}),
    });
  };
  const discard = () => {
    input.discard();
    setD(draftOf(input.conflict?.theirs ?? null));
  };
  const err = (path: string) => fieldError(input.error, path);

  return (
    <form className="cdr-form" onSubmit={submit} noValidate aria-labelledby="tech-h">
      <h3 id="tech-h">Technical assessment</h3>
      {input.conflict && (
        <ConflictNotice
          what="the technical assessment"
          theirs={input.conflict.theirs ? technicalText(input.conflict.theirs) : 'removed'}
          mine={technicalText(input.conflict.mine)}
          overwrite={input.overwrite}
          discard={discard}
        />
      )}
      <Field id="tech-verdict" label="Verdict" error={err('verdict')}>
        {(aria) => (
          <select
            {...aria}
            value={d.verdict}
            onChange={(e) => set('verdict', VERDICTS.find((v) => v === e.target.value) ?? 'feasible')}
          >
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {v.replaceAll('-', ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="effort">
        <legend>Effort in person-days (optimistic ≤ likely ≤ pessimistic)</legend>
        {EFFORT.map((k) => (
          <NumberField
            key={k}
            id={`tech-${k}`}
            label={`${k[0]?.toUpperCase()}${k.slice(1)}`}
            value={d[k]}
            onChange={(v) => set(k, v)}
            error={local[k] ?? err(`effortDays.${k}`)}
          />
        ))}
      </fieldset>
      <Field id="tech-deps" label="Dependencies (one per line)" error={err('dependencies')}>
        {(aria) => (
          <textarea
            {...aria}
            rows={2}
            value={d.dependencies}
            onChange={(e) => set('dependencies', e.target.value)}
          />
        )}
      </Field>
      <Field id="tech-risks" label="Risks (one per line)" error={err('risks')}>
        {(aria) => (
          <textarea {...aria} rows={2} value={d.risks} onChange={(e) => set('risks', e.target.value)} />
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={d.generic} onChange={(e) => set('generic', e.target.checked)} />
        Generic: fits the product core, reusable for other clients
      </label>
      <Field
        id="tech-conditions"
        label="Conditions (optional)"
        hint="what must hold for it to be feasible"
        error={err('conditions')}
      >
        {(aria) => (
          <textarea
            {...aria}
            rows={2}
            value={d.conditions}
            onChange={(e) => set('conditions', e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={input.pending}>
        {input.pending ? 'Saving…' : 'Save technical assessment'}
      </button>
      {input.saved && !input.pending && <p role="status">Technical assessment saved.</p>}
      {input.error && <ErrorState error={otherErrors(input.error, SHOWN)} />}
    </form>
  );
}

export const technicalText = (t: Technical) =>
  `${t.verdict}, ${t.effortDays.optimistic}/${t.effortDays.likely}/${t.effortDays.pessimistic} days${
    t.generic ? ', generic' : ''
  }`;
