import { describe, expect, it } from 'vitest';
import { r4Errors } from '../records/r4Validation.testkit.ts';
import { buildHandoutCommunication, HANDOUTS, readHandoutsGiven } from './index.ts';

/** Rough plain-language check: short sentences, mostly short words. */
function averageWordsPerSentence(text: string): number {
  const sentences = text.split(/[.!?:]\s/).filter((s) => s.trim());
  return text.split(/\s+/).length / sentences.length;
}

describe('patient education', () => {
  it('every handout is short and in plain sentences', () => {
    expect(HANDOUTS.map((h) => h.id)).toEqual(['collaborative-care', 'depression', 'anxiety', 'starting-antidepressant', 'behavioral-activation', 'crisis-card']);
    for (const h of HANDOUTS) {
      const text = h.paragraphs.join(' ');
      expect(text.split(/\s+/).length).toBeLessThan(200);
      expect(averageWordsPerSentence(text)).toBeLessThan(17);
    }
    expect(HANDOUTS.find((h) => h.id === 'crisis-card')?.paragraphs.join(' ')).toMatch(/call or text 988.*911/);
  });

  it('records a handout given as a valid Communication and reads it back', () => {
    const c = buildHandoutCommunication({ actionId: 'a1', patientId: 'p1', handout: 'depression', printed: true, sender: 'Practitioner/cm1', when: '2026-12-01T10:00:00-05:00' });
    expect(r4Errors(c)).toEqual([]);
    expect(c).toMatchObject({ status: 'completed', recipient: [{ reference: 'Patient/p1' }], topic: { text: 'Depression' } });
    const other = { resourceType: 'Communication' as const, status: 'completed' as const, topic: { text: 'Appointment reminder' } };
    expect(readHandoutsGiven([{ ...c, id: 'x' }, other])).toEqual([
      { handout: 'depression', date: '2026-12-01', instant: Date.parse('2026-12-01T15:00:00Z'), by: 'Practitioner/cm1' },
    ]);
  });
});
