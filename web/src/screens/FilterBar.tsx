import type { ChecklistItem, Tender } from '../api/client';

export interface Filters {
  status: string;
  owner: string;
  lot: string;
  category: string;
}

export const matches = (i: ChecklistItem, f: Filters) =>
  (!f.status || i.status === f.status) &&
  (!f.owner || (f.owner === '(none)' ? i.owner === null : i.owner === f.owner)) &&
  (!f.lot || i.lotIds.includes(f.lot) || (f.lot === '(tender)' && i.lotIds.length === 0)) &&
  (!f.category || i.category === f.category);

const STATUSES = ['open', 'in_progress', 'answered', 'approved', 'rejected', 'not_applicable'];
const CATEGORIES = ['exclusion', 'selection-economic', 'selection-technical', 'guarantee', 'other'];

export function FilterBar({
  items,
  lots,
  value,
  onChange,
}: {
  items: readonly ChecklistItem[];
  lots: NonNullable<Tender['lots']>;
  value: Filters;
  onChange: (f: Filters) => void;
}) {
  const owners = [...new Set(items.map((i) => i.owner).filter((o): o is string => !!o))].sort();
  const select = (key: keyof Filters, label: string, options: { value: string; label: string }[]) => (
    <label>
      {label}
      <select value={value[key]} onChange={(e) => onChange({ ...value, [key]: e.target.value })}>
        <option value="">all</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="filters">
      <legend className="sr-only">Filter requirements</legend>
      {select(
        'status',
        'Status',
        STATUSES.map((s) => ({ value: s, label: s.replace('_', ' ') })),
      )}
      {select('owner', 'Owner', [
        { value: '(none)', label: 'unassigned' },
        ...owners.map((o) => ({ value: o, label: o })),
      ])}
      {select('lot', 'Lot', [
        { value: '(tender)', label: 'whole tender' },
        ...lots.map((l) => ({ value: l.id, label: l.title ?? l.id })),
      ])}
      {select(
        'category',
        'Category',
        CATEGORIES.map((c) => ({ value: c, label: c })),
      )}
    </fieldset>
  );
}
