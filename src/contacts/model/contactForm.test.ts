import { describe, expect, it } from 'vitest';
import { checkContactForm, emptyContactForm, formFromContact } from './contactForm';

const NOW = new Date('2026-11-01T05:00:00Z'); // 01:00 EDT on the day New York leaves daylight saving
const TZ = 'America/New_York';

describe('contact form', () => {
  it('starts at the clinic wall clock', () => {
    expect(emptyContactForm(NOW, TZ)).toMatchObject({ date: '2026-11-01', time: '01:00', minutes: '', outcome: 'completed' });
    expect(emptyContactForm(NOW, 'Asia/Tokyo')).toMatchObject({ date: '2026-11-01', time: '14:00' });
  });

  it('writes the time in the zone offset of that date', () => {
    const late = { ...emptyContactForm(NOW, TZ), date: '2026-10-31', time: '23:30', minutes: '40' };
    expect(checkContactForm(late, TZ, NOW).details?.when).toBe('2026-10-31T23:30:00-04:00');
    const winter = { ...late, date: '2026-01-15', time: '09:00' };
    expect(checkContactForm(winter, TZ, NOW).details?.when).toBe('2026-01-15T09:00:00-05:00');
  });

  it('names what is missing or wrong', () => {
    const base = { ...emptyContactForm(NOW, TZ), minutes: '40' };
    expect(checkContactForm({ ...base, minutes: '' }, TZ, NOW).errors.minutes).toMatch(/Enter the minutes/);
    expect(checkContactForm({ ...base, minutes: '4.5' }, TZ, NOW).errors.minutes).toMatch(/whole number/);
    expect(checkContactForm({ ...base, minutes: '601' }, TZ, NOW).errors.minutes).toMatch(/At most 600/);
    expect(checkContactForm({ ...base, minutes: '0' }, TZ, NOW).errors.minutes).toMatch(/at least 1 minute/);
    expect(checkContactForm({ ...base, minutes: '0', outcome: 'no-show' }, TZ, NOW).details?.minutes).toBe(0);
    expect(checkContactForm({ ...base, date: '2026-11-02' }, TZ, NOW).errors.date).toMatch(/future/);
    expect(checkContactForm({ ...base, date: '' }, TZ, NOW).errors.date).toMatch(/Enter the date/);
    expect(checkContactForm({ ...base, time: '' }, TZ, NOW).errors.time).toMatch(/Enter the time/);
    expect(checkContactForm({ ...base, note: 'x'.repeat(1001) }, TZ, NOW).errors.note).toMatch(/under 1000/);
  });

  it('a logged contact fills the form back on the clinic clock', () => {
    const checked = checkContactForm({ ...emptyContactForm(NOW, TZ), date: '2026-10-31', time: '23:30', minutes: '40', note: ' x ' }, TZ, NOW);
    const details = checked.details;
    expect(details?.note).toBe('x');
    expect(details && formFromContact(details, TZ)).toMatchObject({ date: '2026-10-31', time: '23:30', minutes: '40' });
  });
});
