import { Field } from '../../components/Field';
import {
  type Comparator,
  type CriterionRow,
  emptyCriterion,
  type PaidBy,
  type PilotForm,
} from '../../lib/pilot-form';
import type { FieldErrors } from './fields';

const COMPARATORS: { value: Comparator; label: string }[] = [
  { value: 'gte', label: 'at least (≥ target)' },
  { value: 'lte', label: 'at most (≤ target)' },
  { value: 'between', label: 'between target and max' },
];
const PAID_BY: PaidBy[] = ['client', 'us', 'shared'];

/** The scoping fields of a pilot (create and edit), each with the API's error for it. */
export function PilotFields({
  form,
  onChange,
  errors,
}: {
  form: PilotForm;
  onChange: (f: PilotForm) => void;
  errors: FieldErrors;
}) {
  const set = <K extends keyof PilotForm>(key: K, value: PilotForm[K]) => onChange({ ...form, [key]: value });
  const text = (key: keyof PilotForm & string, label: string, type = 'text') => {
    const value = form[key];
    return (
      <Field label={label} error={errors(key)}>
        {(p) => <input {...p} type={type} value={String(value)} onChange={(e) => set(key, e.target.value)} />}
      </Field>
    );
  };
  /** An amount and its currency (cost, conversion value): numbers typed as numbers, ISO codes upper-cased. */
  const money = (
    amount: { key: 'costAmount' | 'contractValue'; label: string; error: string | undefined },
    currency: { key: 'costCurrency' | 'conversionCurrency'; label: string; error: string | undefined },
  ) => (
    <>
      <Field label={amount.label} error={amount.error}>
        {(p) => (
          <input
            {...p}
            type="number"
            min={0}
            step="any"
            value={form[amount.key]}
            onChange={(e) => set(amount.key, e.target.value)}
          />
        )}
      </Field>
      <Field label={currency.label} error={currency.error}>
        {(p) => (
          <input
            {...p}
            value={form[currency.key]}
            maxLength={3}
            onChange={(e) => set(currency.key, e.target.value.toUpperCase())}
          />
        )}
      </Field>
    </>
  );
  return (
    <>
      <div className="pilot-grid">
        {text('client', 'Client')}
        {text('title', 'Title')}
        {text('owner', 'Owner (optional)')}
        {text('startDate', 'Start date', 'date')}
        {text('endDate', 'End date', 'date')}
      </div>
      <Field label="Objective" error={errors('objective')}>
        {(p) => (
          <textarea
            {...p}
            rows={3}
            value={form.objective}
            onChange={(e) => set('objective', e.target.value)}
          />
        )}
      </Field>
      <div className="grid-halves">
        <Field label="In scope (one per line)" error={errors('scopeIn')}>
          {(p) => (
            <textarea {...p} rows={4} value={form.scopeIn} onChange={(e) => set('scopeIn', e.target.value)} />
          )}
        </Field>
        <Field label="Out of scope (one per line)" error={errors('scopeOut')}>
          {(p) => (
            <textarea
              {...p}
              rows={4}
              value={form.scopeOut}
              onChange={(e) => set('scopeOut', e.target.value)}
            />
          )}
        </Field>
      </div>
      <CriteriaEditor
        rows={form.criteria}
        onChange={(criteria) => set('criteria', criteria)}
        errors={errors}
      />
      <fieldset className="pilot-group">
        <legend>Cost of the pilot (optional)</legend>
        <div className="pilot-grid">
          {money(
            { key: 'costAmount', label: 'Cost amount', error: errors('cost.amount') ?? errors('cost') },
            { key: 'costCurrency', label: 'Cost currency', error: errors('cost.currency') },
          )}
          <Field label="Paid by" error={errors('cost.paidBy')}>
            {(p) => (
              <select
                {...p}
                value={form.costPaidBy}
                onChange={(e) => set('costPaidBy', PAID_BY.find((x) => x === e.target.value) ?? 'client')}
              >
                {PAID_BY.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset className="pilot-group">
        <legend>Conversion terms (optional)</legend>
        <div className="pilot-grid">
          {money(
            {
              key: 'contractValue',
              label: 'Contract value',
              error: errors('conversion.contractValue') ?? errors('conversion'),
            },
            { key: 'conversionCurrency', label: 'Contract currency', error: errors('conversion.currency') },
          )}
          {text('decisionBy', 'Decision due by', 'date')}
        </div>
      </fieldset>
    </>
  );
}

function CriteriaEditor({
  rows,
  onChange,
  errors,
}: {
  rows: CriterionRow[];
  onChange: (rows: CriterionRow[]) => void;
  errors: FieldErrors;
}) {
  const update = (i: number, patch: Partial<CriterionRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="pilot-group">
      <legend>Success criteria</legend>
      {errors('criteria') && rows.length === 0 && <p className="error">{errors('criteria')}</p>}
      {rows.map((r, i) => {
        const at = (f: string) => errors(`criteria.${i}.${f}`);
        const numberInput = (f: 'baseline' | 'target' | 'targetMax' | 'weight', label: string) => (
          <Field label={label} error={at(f)}>
            {(p) => (
              <input
                {...p}
                type="number"
                step="any"
                value={r[f]}
                onChange={(e) => update(i, { [f]: e.target.value })}
              />
            )}
          </Field>
        );
        return (
          <fieldset key={r.key} className="criterion-row">
            <legend>Criterion {i + 1}</legend>
            <div className="pilot-grid">
              <Field label="Metric" error={at('metric') ?? at('id')}>
                {(p) => (
                  <input {...p} value={r.metric} onChange={(e) => update(i, { metric: e.target.value })} />
                )}
              </Field>
              <Field label="Unit" error={at('unit')}>
                {(p) => <input {...p} value={r.unit} onChange={(e) => update(i, { unit: e.target.value })} />}
              </Field>
              {numberInput('baseline', 'Baseline')}
              <Field label="Comparator" error={at('comparator')}>
                {(p) => (
                  <select
                    {...p}
                    value={r.comparator}
                    onChange={(e) =>
                      update(i, {
                        comparator: COMPARATORS.find((c) => c.value === e.target.value)?.value ?? 'gte',
                      })
                    }
                  >
                    {COMPARATORS.map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {numberInput('target', 'Target')}
              {r.comparator === 'between' && numberInput('targetMax', 'Target max')}
              {numberInput('weight', 'Weight')}
              <div className="field check">
                <label>
                  <input
                    type="checkbox"
                    checked={r.mustPass}
                    onChange={(e) => update(i, { mustPass: e.target.checked })}
                  />{' '}
                  Must pass
                </label>
              </div>
            </div>
            <Field label="Measurement method" error={at('measurementMethod')}>
              {(p) => (
                <input
                  {...p}
                  value={r.measurementMethod}
                  onChange={(e) => update(i, { measurementMethod: e.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="linklike"
              disabled={rows.length === 1}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              Remove criterion {i + 1}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange([...rows, emptyCriterion()])}>
        Add criterion
      </button>
    </fieldset>
  );
}
