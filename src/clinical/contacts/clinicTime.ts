/**
 * The clinic's wall clock ⇄ FHIR dateTime. A contact typed as "31 March, 23:30" in a Chicago
 * clinic is written `2026-03-31T23:30:00-05:00`: the offset is the zone's own on that date
 * (daylight saving included), found with Intl, not the browser's offset of today.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = wallClockFormat(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** An instant written in the zone's local offset: `2026-03-05T14:30:00-05:00`. */
export function fhirDateTimeInZone(instant: number, timeZone: string): string {
  const offset = zoneOffsetMinutes(instant, timeZone);
  const local = new Date(Math.floor(instant / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/**
 * The instant of a wall-clock date and time in the zone. A time skipped by the spring change
 * (02:30 on the change day in New York) moves forward by the gap, as clocks do; a repeated
 * autumn hour takes its first occurrence.
 */
export function instantOfWallClock(date: string, time: string, timeZone: string): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(wall).getUTCDate() !== da) return undefined;
  // Two candidates: the offsets just before and after the wall time; the earlier one that
  // maps back to the same wall time wins (first occurrence of a repeated hour).
  const offsets = [zoneOffsetMinutes(wall - 86_400_000 / 2, timeZone), zoneOffsetMinutes(wall + 86_400_000 / 2, timeZone)];
  const candidates = [...new Set(offsets)].map((o) => wall - o * 60_000).sort((a, b) => a - b);
  for (const c of candidates) if (c + zoneOffsetMinutes(c, timeZone) * 60_000 === wall) return c;
  // In a spring gap: no instant shows this wall time; take the one after the gap.
  return wall - Math.min(...offsets) * 60_000;
}

/** `2026-03-05` and `14:30` of an instant on the clinic's wall clock. */
export function wallClockOf(instant: number, timeZone: string): { date: string; time: string } {
  const written = fhirDateTimeInZone(instant, timeZone);
  return { date: written.slice(0, 10), time: written.slice(11, 16) };
}
