/** Display helpers: instants in the buyer's zone and the user's, countdowns, money. */

const userZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function inZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** "15 Jan 2027, 23:59 MSK (yours: 15 Jan 2027, 21:59 CET)": both zones when they differ. */
export function bothZones(iso: string, buyerZone: string | undefined): string {
  const buyer = inZone(iso, buyerZone ?? 'UTC');
  if (!buyerZone || buyerZone === userZone) return buyer;
  return `${buyer} (yours: ${inZone(iso, userZone)})`;
}

export function timeLeft(iso: string, now: number): string {
  const ms = new Date(iso).getTime() - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const span = d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
  return ms >= 0 ? `${span} left` : `${span} ago`;
}

export function money(v: { amount: number | null; currency: string | null } | null | undefined): string {
  if (!v || v.amount === null) return '—';
  return v.currency
    ? new Intl.NumberFormat('en-GB', {
        style: 'currency',
        currency: v.currency,
        maximumFractionDigits: 0,
      }).format(v.amount)
    : String(v.amount);
}

export const titleOf = (t: Record<string, string> | undefined | null, fallback = ''): string =>
  (t && (t.en ?? Object.values(t)[0])) ?? fallback;
