// Simulated time as people read it: the clock (`1 min 05 s`) and kubectl's ages (`2m3s`).

export function formatClock(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.floor(s - m * 60).toString().padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${(m % 60).toString().padStart(2, '0')} min`;
}

/** kubectl's HumanDuration, as in the AGE and LAST SEEN columns. */
export function kubectlAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  if (s < 120) return `${s}s`;
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (h < 3) return `${m}m`;
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/** kubectl's age of an ISO `then` at the ISO `now` (simulated time); '' when either is missing. */
export function ageAt(nowIso: string, thenIso: string | null | undefined): string {
  const ms = Date.parse(nowIso) - Date.parse(thenIso ?? '');
  return Number.isNaN(ms) ? '' : kubectlAge(ms);
}
