import { describe, expect, it } from 'vitest';
import { contactCadence, type CadenceEpisode } from './cadence.ts';
import { testContact } from './testing.ts';

const active: CadenceEpisode = { phase: 'active', start: '2026-01-05', enrolledOn: '2026-01-12' };

describe('contactCadence', () => {
  it('active treatment: due two weeks after the last completed contact, overdue the day after', () => {
    const contacts = [testContact('2026-02-02'), testContact('2026-02-16')];
    expect(contactCadence(contacts, { today: '2026-03-02', episode: active })).toMatchObject({ nextDue: '2026-03-02', overdue: false, daysOverdue: 0 });
    expect(contactCadence(contacts, { today: '2026-03-03', episode: active })).toMatchObject({ nextDue: '2026-03-02', overdue: true, daysOverdue: 1 });
    expect(contactCadence(contacts, { today: '2026-03-03', episode: active }).lastContact?.localDate).toBe('2026-02-16');
  });

  it('no-shows and attempts do not meet the cadence but are counted apart', () => {
    const contacts = [testContact('2026-03-02'), testContact('2026-03-10', { outcome: 'no-show' }), testContact('2026-03-12', { outcome: 'attempt' })];
    const c = contactCadence(contacts, { today: '2026-03-20', episode: active });
    expect(c).toMatchObject({ nextDue: '2026-03-16', overdue: true, contactsThisMonth: 1, attemptsThisMonth: 2 });
    expect(c.lastContact?.localDate).toBe('2026-03-02');
    expect(c.lastAttempt?.localDate).toBe('2026-03-12');
  });

  it('removed contacts count for nothing', () => {
    const c = contactCadence([testContact('2026-03-02'), testContact('2026-03-15', { enteredInError: true })], { today: '2026-03-20', episode: active });
    expect(c).toMatchObject({ contactsThisMonth: 1, nextDue: '2026-03-16' });
  });

  it('contacts this month go by the clinic month of today', () => {
    const c = contactCadence([testContact('2026-02-28'), testContact('2026-03-01'), testContact('2026-03-31')], { today: '2026-03-31', episode: active });
    expect(c.contactsThisMonth).toBe(2);
  });

  it('newly enrolled, no contact yet: due a cadence after the enrollment', () => {
    expect(contactCadence([], { today: '2026-01-20', episode: active }).nextDue).toBe('2026-01-26');
  });

  it('weekly in the first month when the program sets it', () => {
    const settings = { weeklyInFirstMonth: true };
    expect(contactCadence([], { today: '2026-01-13', episode: active, settings }).nextDue).toBe('2026-01-19');
    expect(contactCadence([testContact('2026-01-20')], { today: '2026-01-21', episode: active, settings }).nextDue).toBe('2026-01-27');
    expect(contactCadence([testContact('2026-02-20')], { today: '2026-02-21', episode: active, settings }).nextDue).toBe('2026-03-06');
  });

  it('the first follow-up is due within 4 weeks of the initial assessment even with a looser cadence', () => {
    const settings = { activeDays: 42 };
    const assessed = [testContact('2026-01-15', { type: 'initial-assessment' })];
    expect(contactCadence(assessed, { today: '2026-01-20', episode: active, settings }).nextDue).toBe('2026-02-12');
    const followed = [...assessed, testContact('2026-02-01')];
    expect(contactCadence(followed, { today: '2026-02-02', episode: active, settings }).nextDue).toBe('2026-03-15');
  });

  it('referred: the initial assessment is due two weeks after the referral', () => {
    expect(contactCadence([], { today: '2026-01-10', episode: { phase: 'referred', start: '2026-01-05', enrolledOn: undefined } }).nextDue).toBe('2026-01-19');
  });

  it('relapse prevention: about monthly', () => {
    const episode: CadenceEpisode = { phase: 'relapse-prevention', start: '2025-10-01', enrolledOn: '2025-10-01' };
    expect(contactCadence([testContact('2026-03-01')], { today: '2026-03-05', episode }).nextDue).toBe('2026-03-31');
  });

  it('nothing is due when discharged, lapsed or not enrolled', () => {
    for (const phase of ['discharged', 'inactive'] as const) {
      expect(contactCadence([testContact('2026-03-01')], { today: '2026-06-05', episode: { ...active, phase } })).toMatchObject({ nextDue: undefined, overdue: false });
    }
    expect(contactCadence([], { today: '2026-06-05', episode: undefined }).nextDue).toBeUndefined();
  });

  it('contacts before the episode started do not meet its cadence', () => {
    const reenrolled: CadenceEpisode = { phase: 'active', start: '2026-03-01', enrolledOn: '2026-03-01' };
    expect(contactCadence([testContact('2025-12-01')], { today: '2026-03-02', episode: reenrolled }).nextDue).toBe('2026-03-15');
  });
});
