import { type FormEvent, useState } from 'react';
import { Field } from '../../components/Field';
import { ErrorState } from '../../components/States';
import {
  type Commercial,
  type CustomDevRequest,
  fieldError,
  numberOf,
  otherErrors,
  type Pricing,
} from '../../lib/custom-dev';
import { commercialInput, useInputSave } from '../../lib/custom-dev-inputs';
import { ConflictNotice } from './ConflictNotice';
import { NumberField } from './fields';

type Model = Pricing['model'];
const MODELS: { model: Model; label: string }[] = [
  { model: 'fixed', label: 'Fixed price' },
  { model: 'time-and-materials', label: 'Time and materials' },
  { model: 'revenue-share', label: 'Revenue share' },
];
const NUMBERS = [
  'price',
  'dayRate',
  'percent',
  'projectedClientRevenuePerYear',
  'candidateClients',
  'adoptionProbability',
  'pricePerClient',
  'horizonYears',
] as const;
type NumberKey = (typeof NUMBERS)[number];
const SHOWN = [
  'pricing',
  'pricing.model',
  'pricing.price',
  'pricing.dayRate',
  'pricing.percent',
  'pricing.projectedClientRevenuePerYear',
  'reuse.candidateClients',
  'reuse.adoptionProbability',
  'reuse.pricePerClient',
  'horizonYears',
];

const str = (n: number | undefined) => (n === undefined ? '' : String(n));
const draftOf = (c: Commercial | null) => {
  const p = c?.pricing;
  return {
    model: p?.model ?? 'fixed',
    price: str(p?.model === 'fixed' ? p.price : undefined),
    dayRate: str(p?.model === 'time-and-materials' ? p.dayRate : undefined),
    percent: str(p?.model === 'revenue-share' ? p.percent : undefined),
    projectedClientRevenuePerYear: str(
      p?.model === 'revenue-share' ? p.projectedClientRevenuePerYear : undefined,
    ),
    reuse: c?.reuse !== undefined,
    candidateClients: str(c?.reuse?.candidateClients),
    adoptionProbability: str(c?.reuse?.adoptionProbability),
    pricePerClient: str(c?.reuse?.pricePerClient),
    horizonYears: str(c?.horizonYears),
  };
};

/** The commercial terms: how the client pays, who else might buy it, over how many years. */
export function CommercialForm({ request }: { request: CustomDevRequest }) {
  const input = useInputSave(request, commercialInput);
  const [d, setD] = useState(() => draftOf(request.commercial));
  const [local, setLocal] = useState<Partial<Record<NumberKey, string>>>({});
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((old) => ({ ...old, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const need: NumberKey[] = [
      ...(d.model === 'fixed'
        ? (['price'] as const)
        : d.model === 'time-and-materials'
          ? (['dayRate'] as const)
          : (['percent', 'projectedClientRevenuePerYear'] as const)),
      ...(d.reuse ? (['candidateClients', 'adoptionProbability', 'pricePerClient'] as const) : []),
    ];
    const n = (k: NumberKey) => numberOf(d[k]);
    const errors: Partial<Record<NumberKey, string>> = {};
    for (const k of need) if (n(k) === null) errors[k] = 'enter a number';
    if (d.horizonYears.trim() && n('horizonYears') === null)
      errors.horizonYears = 'enter a whole number of years';
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    const v = (k: NumberKey) => n(k) ?? 0;
    const pricing: Pricing =
      d.model === 'fixed'
        ? { model: 'fixed', price: v('price') }
        : d.model === 'time-and-materials'
          ? { model: 'time-and-materials', dayRate: v('dayRate') }
          : {
              model: 'revenue-share',
              percent: v('percent'),
              projectedClientRevenuePerYear: v('projectedClientRevenuePerYear'),
            };
    const horizon = n('horizonYears');
    input.save({
      pricing,
      ...(d.reuse
        ? {
            reuse: {
              candidateClients: v('candidateClients'),
              adoptionProbability: v('adoptionProbability'),
              pricePerClient: v('pricePerClient'),
            },
          }
        : {}),
      ...(horizon !== null ? { horizonYears: horizon } : {}),
    });
  };
  const discard = () => {
    input.discard();
    setD(draftOf(input.conflict?.theirs ?? null));
  };
  const err = (path: string) => fieldError(input.error, path);
  const num = (k: NumberKey, path: string, label: string, hint?: string) => (
    <NumberField
      id={`com-${k}`}
      label={label}
      hint={hint}
      value={d[k]}
      onChange={(x) => set(k, x)}
      error={local[k] ?? err(path)}
    />
  );

  return (
    <form className="cdr-form" onSubmit={submit} noValidate aria-labelledby="com-h">
      <h3 id="com-h">Commercial terms</h3>
      {input.conflict && (
        <ConflictNotice
          what="the commercial terms"
          theirs={input.conflict.theirs ? commercialText(input.conflict.theirs) : 'removed'}
          mine={commercialText(input.conflict.mine)}
          overwrite={input.overwrite}
          discard={discard}
        />
      )}
      <Field id="com-model" label="Pricing model" error={err('pricing') ?? err('pricing.model')}>
        {(aria) => (
          <select
            {...aria}
            value={d.model}
            onChange={(e) => set('model', MODELS.find((m) => m.model === e.target.value)?.model ?? 'fixed')}
          >
            {MODELS.map((m) => (
              <option key={m.model} value={m.model}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {d.model === 'fixed' && num('price', 'pricing.price', 'Fixed price', 'paid once at delivery')}
      {d.model === 'time-and-materials' &&
        num('dayRate', 'pricing.dayRate', 'Client day rate', 'billed per day of effort')}
      {d.model === 'revenue-share' && (
        <>
          {num('percent', 'pricing.percent', 'Revenue share (%)', 'more than 0, at most 100')}
          {num(
            'projectedClientRevenuePerYear',
            'pricing.projectedClientRevenuePerYear',
            'Client’s projected revenue per year',
          )}
        </>
      )}
      <label className="check">
        <input type="checkbox" checked={d.reuse} onChange={(e) => set('reuse', e.target.checked)} />
        Other clients could buy it (reuse)
      </label>
      {d.reuse && (
        <fieldset>
          <legend>Reuse</legend>
          {num('candidateClients', 'reuse.candidateClients', 'Candidate clients')}
          {num('adoptionProbability', 'reuse.adoptionProbability', 'Adoption probability', 'from 0 to 1')}
          {num('pricePerClient', 'reuse.pricePerClient', 'Price per client')}
        </fieldset>
      )}
      {num(
        'horizonYears',
        'horizonYears',
        'Horizon in years (optional)',
        'empty: the organisation’s default',
      )}
      <button type="submit" disabled={input.pending}>
        {input.pending ? 'Saving…' : 'Save commercial terms'}
      </button>
      {input.saved && !input.pending && <p role="status">Commercial terms saved.</p>}
      {input.error && <ErrorState error={otherErrors(input.error, SHOWN)} />}
    </form>
  );
}

export function commercialText(c: Commercial): string {
  const p = c.pricing;
  const price =
    p.model === 'fixed'
      ? `fixed price ${p.price}`
      : p.model === 'time-and-materials'
        ? `time and materials at ${p.dayRate} a day`
        : `${p.percent}% of ${p.projectedClientRevenuePerYear} a year`;
  const reuse = c.reuse
    ? `, reuse: ${c.reuse.candidateClients} clients × ${c.reuse.adoptionProbability} × ${c.reuse.pricePerClient}`
    : '';
  return `${price}${reuse}${c.horizonYears ? `, over ${c.horizonYears} years` : ''}`;
}
