import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChecklistItem } from '../api/client';
import { Empty } from '../components/States';
import { titleOf } from '../lib/format';
import { byCriterion, type Row, rowsOf } from '../lib/items';
import { ItemEditor } from './ItemEditor';

/** The checklist grouped by criterion, OR-groups as alternatives; virtualised so 500+ items scroll smoothly. */
export function ChecklistView({
  tenderId,
  items,
  amended,
  focus,
}: {
  tenderId: string;
  items: readonly ChecklistItem[];
  amended: ReadonlySet<string>;
  /** an item to open and scroll to (a readiness blocker's link) */
  focus: string | null;
}) {
  const rows = useMemo(() => rowsOf(byCriterion(items)), [items]);
  const [open, setOpen] = useState<string | null>(focus);
  const scroller = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'item' ? 64 : 40),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
  });
  useEffect(() => {
    if (!focus) return;
    const index = rows.findIndex((r) => r.kind === 'item' && r.item.itemId === focus);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'start' });
  }, [focus, rows, virtualizer]);
  if (items.length === 0) return <Empty>No requirement matches these filters.</Empty>;
  return (
    <section ref={scroller} className="checklist" aria-label="Requirements" data-testid="checklist">
      <ul style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index];
          if (!row) return null;
          return (
            <li
              key={v.key}
              ref={virtualizer.measureElement}
              data-index={v.index}
              className={`row ${row.kind}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${v.start}px)`,
              }}
            >
              <RowView
                row={row}
                tenderId={tenderId}
                amended={amended}
                open={row.kind === 'item' && open === row.item.itemId}
                toggle={(itemId) => setOpen((o) => (o === itemId ? null : itemId))}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function RowView({
  row,
  tenderId,
  amended,
  open,
  toggle,
}: {
  row: Row;
  tenderId: string;
  amended: ReadonlySet<string>;
  open: boolean;
  toggle: (itemId: string) => void;
}) {
  if (row.kind === 'criterion') {
    const c = row.criterion;
    return (
      <h2 className="criterion">
        {c.title} <span className="sub">({c.criterionId})</span>
        {c.groups.length > 1 && (
          <span className="alt-note">
            {' '}
            — {c.groups.length} alternatives: satisfying one satisfies the criterion
          </span>
        )}
      </h2>
    );
  }
  if (row.kind === 'group')
    return (
      <h3 className="group">
        {row.index > 0 ? 'or ' : ''}alternative {row.index + 1} of {row.of} ({row.groupId})
      </h3>
    );
  const item = row.item;
  const title = titleOf(item.title, item.key);
  return (
    <>
      <div className="item-line">
        <button
          type="button"
          className="item-toggle"
          aria-expanded={open}
          aria-controls={`ed-${item.itemId}`}
          onClick={() => toggle(item.itemId)}
        >
          <span className="item-title">{title}</span>
        </button>
        <span className={`badge ${item.status}`}>{item.status.replace('_', ' ')}</span>
        {amended.has(item.key) && <span className="badge amended">amended</span>}
        {item.compliant === false && (
          <span className="badge rejected" title={item.nonComplianceReason ?? ''}>
            non-compliant
          </span>
        )}
        <span className="sub">
          {item.owner ? `owner ${item.owner}` : 'unassigned'}
          {item.answer && item.answer.value !== null && ` · answer ${String(item.answer.value)}`}
          {item.lotIds.length > 0 && ` · lot ${item.lotIds.join(', ')}`}
        </span>
      </div>
      {open && <ItemEditor id={`ed-${item.itemId}`} tenderId={tenderId} item={item} />}
    </>
  );
}
