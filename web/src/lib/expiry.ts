/** Evidence validity as the user needs to see it: expired, expiring within 30 days, or fine. */
export function expiry(
  validUntil: string | null | undefined,
  now: number,
): { label: string; level: 'ok' | 'soon' | 'expired' | 'none' } {
  if (!validUntil) return { label: 'no expiry', level: 'none' };
  const left = new Date(validUntil).getTime() - now;
  const date = new Date(validUntil).toLocaleDateString('en-GB', { dateStyle: 'medium' });
  if (left < 0) return { label: `expired ${date}`, level: 'expired' };
  if (left < 30 * 86_400_000) return { label: `expires ${date}`, level: 'soon' };
  return { label: `valid until ${date}`, level: 'ok' };
}
