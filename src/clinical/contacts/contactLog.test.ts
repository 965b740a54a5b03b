import { describe, expect, it } from 'vitest';
import { buildEnrollmentObservation } from '../enrollment/index.ts';
import { buildContactLogModel } from './contactLog.ts';
import { buildContactObservation, removeContactObservation } from './index.ts';

const NOW = new Date('2026-04-10T15:00:00Z');
const enrolled = { ...buildEnrollmentObservation({ actionId: 'a', patientId: 'p1', kind: 'enrolled', date: '2026-02-20', now: NOW }), id: 'e1' };

function contact(id: string, when: string, minutes: number, extra: { separatelyBilled?: boolean } = {}) {
  const obs = buildContactObservation({
    contactId: id,
    patientId: 'p1',
    when,
    type: 'follow-up',
    modality: 'phone',
    minutes,
    outcome: 'completed',
    scaleGiven: false,
    separatelyBilled: extra.separatelyBilled ?? false,
    note: '',
    now: NOW,
  });
  return { ...obs, id, meta: { versionId: '1', lastUpdated: '2026-04-10T00:00:00Z' } };
}

describe('contact log model', () => {
  it('this month in the clinic zone: a later month of the episode, codes and minutes to the next', () => {
    const observations = [
      enrolled,
      contact('c1', '2026-03-31T23:30:00-04:00', 50), // March in New York, April in UTC
      contact('c2', '2026-04-02T10:00:00-04:00', 20),
      contact('c3', '2026-04-03T10:00:00-04:00', 15),
      contact('c4', '2026-04-04T10:00:00-04:00', 30, { separatelyBilled: true }),
    ];
    const model = buildContactLogModel(observations, NOW, 'America/New_York');
    expect(model.month).toBe('2026-04');
    expect(model.episodeMonth).toBe('later');
    expect(model.monthMinutes).toMatchObject({ minutes: 35, separatelyBilledMinutes: 30 });
    expect(model.monthCodes).toMatchObject({ codes: [{ code: '99493', units: 1 }], minutesToNextCode: 41 });
    expect(model.contacts.map((c) => c.id)).toEqual(['Observation/c4', 'Observation/c3', 'Observation/c2', 'Observation/c1']);
    expect(model.cadence).toMatchObject({ contactsThisMonth: 3, nextDue: '2026-04-18', overdue: false });
  });

  it('a removed contact leaves the list, the minutes and the cadence', () => {
    const removed = {
      ...removeContactObservation(contact('c2', '2026-04-02T10:00:00-04:00', 40), 'duplicate', undefined, NOW),
      meta: { versionId: '2', lastUpdated: '2026-04-10T01:00:00Z' },
    };
    const model = buildContactLogModel([enrolled, contact('c2', '2026-04-02T10:00:00-04:00', 40), removed], NOW, 'America/New_York');
    expect(model.contacts).toEqual([]);
    expect(model.monthMinutes.minutes).toBe(0);
  });

  it('not enrolled: minutes shown, no codes, nothing due', () => {
    const model = buildContactLogModel([contact('c1', '2026-04-02T10:00:00-04:00', 40)], NOW, 'America/New_York');
    expect(model).toMatchObject({ episode: undefined, episodeMonth: undefined, monthCodes: undefined });
    expect(model.cadence.nextDue).toBeUndefined();
  });
});
