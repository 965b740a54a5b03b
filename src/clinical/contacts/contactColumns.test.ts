import { describe, expect, it } from 'vitest';
import { buildContactObservation } from './records.ts';
import { contactColumns, contactServiceDates } from './contactColumns.ts';

const NOW = new Date('2026-03-12T15:00:00Z');
function contact(id: string, when: string, minutes: number, outcome: 'completed' | 'no-show' = 'completed') {
  return {
    ...buildContactObservation({
      contactId: id,
      patientId: 'p1',
      when,
      type: 'follow-up',
      modality: 'phone',
      minutes,
      outcome,
      scaleGiven: false,
      separatelyBilled: false,
      note: '',
      now: NOW,
    }),
    id,
  };
}

describe('caseload contact columns', () => {
  const episode = { phase: 'active' as const, start: '2026-03-09', enrolledOn: '2026-03-09' };
  const base = { today: '2026-03-12', timeZone: 'America/New_York', episode, episodes: [{ start: '2026-03-09', end: undefined }] };

  it('a newly enrolled patient with 40 minutes: 99492 and 46 minutes to the next code', () => {
    const columns = contactColumns([contact('a', '2026-03-10T10:00:00-04:00', 40)], base);
    expect(columns).toEqual({
      lastContactDate: '2026-03-10',
      contactsThisMonth: 1,
      nextContactDue: '2026-03-24',
      contactOverdue: false,
      minutesThisMonth: 40,
      codesThisMonth: '99492',
      minutesToNextCode: 46,
      nextCode: '99494',
    });
  });

  it('overdue, and codes only inside an episode', () => {
    const later = { ...base, today: '2026-04-30' };
    expect(contactColumns([contact('a', '2026-03-10T10:00:00-04:00', 40)], later)).toMatchObject({
      contactOverdue: true,
      minutesThisMonth: 0,
      codesThisMonth: '',
      nextCode: '99493',
      minutesToNextCode: 31,
    });
    expect(contactColumns([contact('a', '2026-03-10T10:00:00-04:00', 40)], { ...base, episode: undefined, episodes: [] })).toMatchObject({
      minutesThisMonth: 40,
      codesThisMonth: '',
      minutesToNextCode: undefined,
    });
  });

  it('service dates are the completed contacts', () => {
    expect(contactServiceDates([contact('a', '2026-03-10T10:00:00-04:00', 40), contact('b', '2026-03-11T10:00:00-04:00', 0, 'no-show')], 'America/New_York')).toEqual([
      '2026-03-10',
    ]);
  });
});
