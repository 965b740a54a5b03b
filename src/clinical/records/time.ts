/**
 * A FHIR dateTime in the clinic's local offset (`2026-03-05T21:30:00-05:00`), not UTC: the
 * reader takes the date as written, so a screening at 9:30 pm must not land on tomorrow.
 */
export function fhirDateTime(now: Date, utcOffsetMinutes: number): string {
  const shifted = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  const base = shifted.toISOString().slice(0, 19);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${base}${sign}${hh}:${mm}`;
}

/** `2026-03-05 21:30` in that same local time, for the note text. */
export function localDateTimeText(now: Date, utcOffsetMinutes: number): string {
  return fhirDateTime(now, utcOffsetMinutes).slice(0, 16).replace('T', ' ');
}
