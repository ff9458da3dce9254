import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ok } from '../api/client';
import { ErrorState, Loading } from '../components/States';
import { useApp } from '../lib/app-context';
import { bothZones, money, timeLeft } from '../lib/format';
import { useChecklist, useTender } from '../lib/use-checklist';
import { useNow } from '../lib/use-now';
import { AuditDrawer } from './AuditDrawer';
import { ChecklistView } from './ChecklistView';
import { FilterBar, type Filters, matches } from './FilterBar';

const SheetTools = lazy(() => import('./sheets/SheetTools'));

/** Screen 2: one tender's checklist, grouped by criterion, with filters, inline work, audit and amendments. */
export function Workspace() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const { api } = useApp();
  const now = useNow();
  const tender = useTender(id);
  const checklist = useChecklist(id, tender.data?.status === 'ready');
  const changes = useQuery({
    queryKey: ['changes', id],
    enabled: tender.isSuccess,
    queryFn: async () =>
      ok(await api.GET('/tenders/{id}/changes', { params: { path: { id }, query: { limit: 50 } } })).items,
  });
  const [filters, setFilters] = useState<Filters>({ status: '', owner: '', lot: '', category: '' });
  const amended = useMemo(() => {
    const last = changes.data?.at(-1);
    return new Set([...(last?.requirements.added ?? []), ...(last?.requirements.changed ?? [])]);
  }, [changes.data]);
  const visible = useMemo(
    () => (checklist.data ?? []).filter((i) => matches(i, filters)),
    [checklist.data, filters],
  );

  if (tender.isPending) return <Loading what="the tender" />;
  if (tender.isError) return <ErrorState error={tender.error} retry={() => void tender.refetch()} />;
  const t = tender.data;
  const end = t.periods?.tender?.end;
  return (
    <section aria-labelledby="ws-h" className="workspace">
      <header className="ws-head">
        <h1 id="ws-h">{t.title ?? t.ocid}</h1>
        <p className="sub">
          {t.buyer?.name ?? 'Unknown buyer'} · {money(t.value)} ·{' '}
          <span className={`badge ${t.status}`}>{t.status}</span>
          {end && (
            <>
              {' '}
              · submission {timeLeft(end, now)} — {bothZones(end, t.timeZone)}
            </>
          )}
        </p>
        <nav aria-label="Tender" className="ws-nav">
          <Link to={`/app/tenders/${id}/readiness`}>Readiness and bid/no-bid</Link>
          <AuditDrawer subject={{ kind: 'tender', id }} />
        </nav>
        {t.warnings && t.warnings.length > 0 && (
          <details>
            <summary>{t.warnings.length} intake warnings</summary>
            <ul className="warnings">
              {t.warnings.map((w) => (
                <li key={`${w.path}:${w.message}`}>
                  <code>{w.path}</code> — {w.message}
                </li>
              ))}
            </ul>
          </details>
        )}
        {amended.size > 0 && (
          <p className="amended-note" role="note">
            The last amendment added or changed {amended.size} requirement{amended.size === 1 ? '' : 's'}:
            they are marked <span className="badge amended">amended</span>.
          </p>
        )}
        <Suspense fallback={<Loading what="the spreadsheet tools" />}>
          <SheetTools tenderId={id} />
        </Suspense>
      </header>
      {t.status === 'importing' ? (
        <Loading what="the checklist (intake is running)" />
      ) : t.status === 'intake-failed' ? (
        <ErrorState error={new Error(`Intake failed: ${t.intakeError?.cause ?? 'unknown cause'}`)} />
      ) : checklist.isPending ? (
        <Loading what="the checklist" />
      ) : checklist.isError ? (
        <ErrorState error={checklist.error} retry={() => void checklist.refetch()} />
      ) : (
        <>
          <FilterBar items={checklist.data} lots={t.lots ?? []} value={filters} onChange={setFilters} />
          <p className="sub" aria-live="polite">
            {visible.length} of {checklist.data.length} requirements
          </p>
          <ChecklistView tenderId={id} items={visible} amended={amended} focus={search.get('item')} />
        </>
      )}
    </section>
  );
}
