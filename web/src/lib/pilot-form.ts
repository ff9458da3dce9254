import type { paths } from '../api/schema.d.ts';
import type { Pilot } from './pilots.ts';

/** The pilot form as typed (strings, so nothing the user typed is lost) and the API bodies built from it. */
export type PilotInput = paths['/pilots']['post']['requestBody']['content']['application/json'];
export type PilotPatch = paths['/pilots/{id}']['patch']['requestBody']['content']['application/json'];
type CriterionBody = PilotInput['criteria'][number];
export type Comparator = CriterionBody['comparator'];
export type PaidBy = NonNullable<PilotInput['cost']>['paidBy'];

export interface CriterionRow {
  /** a stable key for React; `id` is the API's criterion id (kept on edit so measurements still match) */
  key: string;
  id?: string;
  metric: string;
  unit: string;
  baseline: string;
  comparator: Comparator;
  target: string;
  targetMax: string;
  measurementMethod: string;
  weight: string;
  mustPass: boolean;
}

export interface PilotForm {
  client: string;
  title: string;
  objective: string;
  scopeIn: string;
  scopeOut: string;
  criteria: CriterionRow[];
  startDate: string;
  endDate: string;
  owner: string;
  costAmount: string;
  costCurrency: string;
  costPaidBy: PaidBy;
  contractValue: string;
  conversionCurrency: string;
  decisionBy: string;
}

let keys = 0;
const nextKey = () => `c${++keys}`;

export const emptyCriterion = (): CriterionRow => ({
  key: nextKey(),
  metric: '',
  unit: '',
  baseline: '',
  comparator: 'gte',
  target: '',
  targetMax: '',
  measurementMethod: '',
  weight: '1',
  mustPass: false,
});

export const emptyPilotForm = (): PilotForm => ({
  client: '',
  title: '',
  objective: '',
  scopeIn: '',
  scopeOut: '',
  criteria: [emptyCriterion()],
  startDate: '',
  endDate: '',
  owner: '',
  costAmount: '',
  costCurrency: 'EUR',
  costPaidBy: 'client',
  contractValue: '',
  conversionCurrency: 'EUR',
  decisionBy: '',
});

const str = (n: number | undefined) => (n === undefined ? '' : String(n));

export function formOf(p: Pilot): PilotForm {
  return {
    client: p.client,
    title: p.title,
    objective: p.objective,
    scopeIn: p.scopeIn.join('\n'),
    scopeOut: p.scopeOut.join('\n'),
    criteria: p.criteria.map((c) => ({
      key: nextKey(),
      id: c.id,
      metric: c.metric,
      unit: c.unit,
      baseline: str(c.baseline),
      comparator: c.comparator,
      target: str(c.target),
      targetMax: str(c.targetMax),
      measurementMethod: c.measurementMethod ?? '',
      weight: str(c.weight),
      mustPass: c.mustPass,
    })),
    startDate: p.startDate,
    endDate: p.endDate,
    owner: p.owner ?? '',
    costAmount: str(p.cost?.amount),
    costCurrency: p.cost?.currency ?? 'EUR',
    costPaidBy: p.cost?.paidBy ?? 'client',
    contractValue: str(p.conversion?.contractValue),
    conversionCurrency: p.conversion?.currency ?? 'EUR',
    decisionBy: p.conversion?.decisionBy ?? '',
  };
}

/** A typed number, or absent: an empty or unreadable field is left out (the API names it), never NaN. */
export function numberOf(s: string): number | undefined {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The fields the API requires are always sent (an empty number as a missing field, so the 400 names
 * it); optional groups (cost, conversion) only when the user filled any of them in.
 */
function bodyOf(f: PilotForm) {
  const criteria = f.criteria.map((c) => ({
    ...(c.id ? { id: c.id } : {}),
    metric: c.metric,
    unit: c.unit,
    baseline: numberOf(c.baseline),
    target: numberOf(c.target),
    comparator: c.comparator,
    ...(c.comparator === 'between' ? { targetMax: numberOf(c.targetMax) } : {}),
    ...(c.measurementMethod.trim() ? { measurementMethod: c.measurementMethod.trim() } : {}),
    weight: numberOf(c.weight),
    mustPass: c.mustPass,
  }));
  const cost =
    f.costAmount.trim() === ''
      ? null
      : { amount: numberOf(f.costAmount), currency: f.costCurrency.trim(), paidBy: f.costPaidBy };
  const conversion =
    f.contractValue.trim() === '' && f.decisionBy === ''
      ? null
      : {
          contractValue: numberOf(f.contractValue),
          currency: f.conversionCurrency.trim(),
          decisionBy: f.decisionBy,
        };
  return {
    client: f.client.trim(),
    title: f.title.trim(),
    objective: f.objective.trim(),
    scopeIn: lines(f.scopeIn),
    scopeOut: lines(f.scopeOut),
    criteria,
    startDate: f.startDate,
    endDate: f.endDate,
    cost,
    conversion,
    owner: f.owner.trim() || null,
  };
}

/**
 * POST /pilots body. The type says every number is there; an absent one is sent on purpose so the API's
 * 400 names the field next to it (the form keeps what the user typed).
 */
export function createBody(f: PilotForm, links: { customDevRequestId?: string; tenderId?: string }) {
  const { cost, conversion, owner, ...rest } = bodyOf(f);
  return {
    ...rest,
    ...(cost ? { cost } : {}),
    ...(conversion ? { conversion } : {}),
    ...(owner ? { owner } : {}),
    ...links,
  } as PilotInput;
}

/** PATCH /pilots/{id} body: every scoping field (null removes cost, conversion or owner). */
export const patchBody = (f: PilotForm) => bodyOf(f) as PilotPatch;
