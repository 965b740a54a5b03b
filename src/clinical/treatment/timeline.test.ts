import { describe, expect, it } from 'vitest';
import { medicationTimelineFrom } from './index.ts';
import { currentPsychotropics } from './timeline.ts';
import { order } from './testing.ts';

const now = new Date('2025-06-01T00:00:00Z');
const timeline = (...requests: Parameters<typeof order>[0][]) => medicationTimelineFrom({ medicationRequests: requests.map(order) }, { now });
const events = (t: ReturnType<typeof timeline>) => t.events.map((e) => `${e.localDate} ${e.kind} ${e.label}`);

describe('medication timeline', () => {
  it('turns a stopped 50 mg order and a new 100 mg order into one episode with a dose change', () => {
    const t = timeline({ id: 'a', mg: 50, start: '2025-01-06', end: '2025-03-03' }, { id: 'b', mg: 100, start: '2025-03-03' });
    expect(t.episodes).toHaveLength(1);
    expect(t.episodes[0]?.steps.map((s) => s.dose?.label)).toEqual(['50 mg', '100 mg']);
    expect(events(t)).toEqual(['2025-01-06 start sertraline 50 mg started', '2025-03-03 dose-change sertraline 50→100 mg']);
    expect(t.events[1]?.description).toBe('sertraline dose increased from 50 mg to 100 mg');
    expect(currentPsychotropics(t, now)).toEqual([expect.objectContaining({ drug: 'sertraline', label: 'sertraline 100 mg', since: '2025-01-06' })]);
  });

  it('merges overlapping orders for the same drug: the newer one is the current dose, and says so', () => {
    const t = timeline({ id: 'old', mg: 50, start: '2025-01-06' }, { id: 'new', mg: 100, start: '2025-03-03' });
    expect(t.episodes).toHaveLength(1);
    expect(events(t)).toContain('2025-03-03 dose-change sertraline 50→100 mg');
    expect(t.episodes[0]?.problems.join(' ')).toBe(
      'the 50 mg order of 2025-01-06 was still open when the 100 mg order of 2025-03-03 began: the newer order is taken as the current dose',
    );
    expect(currentPsychotropics(t, now)[0]?.label).toBe('sertraline 100 mg');
  });

  it('counts a same-dose renewal once, without an event', () => {
    const t = timeline({ id: 'a', mg: 50, start: '2025-01-06', end: '2025-04-06' }, { id: 'b', mg: 50, start: '2025-04-01' });
    expect(t.episodes).toHaveLength(1);
    expect(events(t)).toEqual(['2025-01-06 start sertraline 50 mg started']);
  });

  it('ignores an order entered in error but lists it', () => {
    const t = timeline({ id: 'a', mg: 50, start: '2025-01-06' }, { id: 'oops', mg: 200, start: '2025-02-01', status: 'entered-in-error' });
    expect(events(t)).toEqual(['2025-01-06 start sertraline 50 mg started']);
    expect(t.ignored).toEqual([{ reference: 'MedicationRequest/oops', reason: 'marked entered in error' }]);
  });

  it('recognises a switch: one antidepressant stops as another starts', () => {
    const t = timeline({ id: 'a', mg: 100, start: '2025-01-06', end: '2025-04-01' }, { id: 'b', drug: 'escitalopram', rxcui: '321988', mg: 10, start: '2025-03-28' });
    expect(events(t)).toEqual(['2025-01-06 start sertraline 100 mg started', '2025-03-28 switch sertraline→escitalopram 10 mg']);
    expect(t.events[1]?.description).toBe('Switched from sertraline to escitalopram 10 mg (sertraline stopped 2025-04-01)');
    expect(currentPsychotropics(t, now).map((c) => c.drug)).toEqual(['escitalopram']);
  });

  it('recognises augmentation: an antipsychotic added while the antidepressant continues', () => {
    const t = timeline({ id: 'a', mg: 100, start: '2025-01-06' }, { id: 'b', drug: 'aripiprazole', rxcui: '89013', mg: 2, start: '2025-04-14' });
    expect(events(t)).toEqual(['2025-01-06 start sertraline 100 mg started', '2025-04-14 augmentation +aripiprazole 2 mg']);
    expect(t.events[1]?.description).toBe('aripiprazole 2 mg added to sertraline (augmentation)');
    expect(currentPsychotropics(t, now).map((c) => c.label)).toEqual(['sertraline 100 mg', 'aripiprazole 2 mg']);
  });

  it('does not call a hypnotic added at night augmentation', () => {
    const t = timeline({ id: 'a', mg: 50, start: '2025-01-06' }, { id: 'z', drug: 'zolpidem', rxcui: '39993', mg: 5, start: '2025-02-01' });
    expect(t.events[1]?.kind).toBe('start');
  });

  it('draws a stop, and a later restart of the same drug', () => {
    const t = timeline({ id: 'a', mg: 50, start: '2024-01-08', end: '2024-06-03' }, { id: 'b', mg: 50, start: '2025-01-06' });
    expect(events(t)).toEqual(['2024-01-08 start sertraline 50 mg started', '2024-06-03 stop sertraline stopped', '2025-01-06 start sertraline 50 mg restarted']);
    expect(t.episodes).toHaveLength(2);
  });

  it('reads a medication without a code by its name, and a dose only in text', () => {
    const t = timeline({ id: 'a', drug: 'Zoloft', rxcui: '', text: 'Take 50 mg by mouth daily', start: '2025-01-06' });
    expect(t.episodes[0]?.drug.name).toBe('sertraline');
    expect(t.episodes[0]?.steps[0]?.dose?.label).toBe('50 mg');
    expect(t.episodes[0]?.orders[0]?.problems).toEqual(['no medication code: recognised by its name', 'dose read from the instruction text']);
  });

  it('keeps a stopped order without a stop date: no marker, and a later dose change still reads as a change', () => {
    const t = timeline({ id: 'a', mg: 50, start: '2025-01-06', status: 'stopped' }, { id: 'b', mg: 100, start: '2025-03-10' });
    expect(events(t)).toEqual(['2025-01-06 start sertraline 50 mg started', '2025-03-10 dose-change sertraline 50→100 mg']);
    const alone = timeline({ id: 'a', mg: 50, start: '2025-01-06', status: 'stopped' });
    expect(alone.episodes[0]?.stopDateUnknown).toBe(true);
    expect(currentPsychotropics(alone, now)).toEqual([]);
    expect(events(alone)).toEqual(['2025-01-06 start sertraline 50 mg started']);
  });

  it('lists undated orders and counts them as unreadable, and never throws on junk', () => {
    const t = medicationTimelineFrom(
      {
        medicationRequests: [
          order({ id: 'nodate', mg: 50 }),
          { resourceType: 'MedicationRequest', id: 'empty', status: 'active', intent: 'order', subject: { reference: 'Patient/p1' } },
          {
            resourceType: 'MedicationRequest',
            id: 'junk',
            status: 'active',
            intent: 'order',
            subject: { reference: 'Patient/p1' },
            medicationCodeableConcept: { coding: 'nope' as never },
            dosageInstruction: 'x' as never,
          },
        ],
      },
      { now },
    );
    expect(t.undated.map((o) => o.reference)).toEqual(['MedicationRequest/nodate']);
    expect(t.unreadable.map((u) => u.reference).sort()).toEqual(['MedicationRequest/empty', 'MedicationRequest/junk', 'MedicationRequest/nodate']);
  });

  it('keeps other medications apart, newest first', () => {
    const t = timeline(
      { id: 'l', drug: 'lisinopril 10 MG Oral Tablet', rxcui: '', start: '2024-01-01' },
      { id: 'm', drug: 'metformin 500 MG', rxcui: '', start: '2025-01-01' },
      { id: 's', mg: 50, start: '2025-01-06' },
    );
    expect(t.others.map((o) => o.reference)).toEqual(['MedicationRequest/m', 'MedicationRequest/l']);
    expect(t.episodes).toHaveLength(1);
  });

  it('reads MedicationStatements beside requests', () => {
    const t = medicationTimelineFrom(
      {
        medicationStatements: [
          {
            resourceType: 'MedicationStatement',
            id: 'ms',
            status: 'active',
            subject: { reference: 'Patient/p1' },
            medicationCodeableConcept: { text: 'buspirone 10 mg' },
            effectivePeriod: { start: '2025-02-01' },
            dosage: [{ text: '10 mg twice daily' }],
          },
          { resourceType: 'MedicationStatement', id: 'nt', status: 'not-taken', subject: { reference: 'Patient/p1' }, medicationCodeableConcept: { text: 'lorazepam' } },
        ],
      },
      { now },
    );
    expect(t.episodes[0]?.drug.name).toBe('buspirone');
    expect(t.episodes[0]?.steps[0]?.dose?.label).toBe('10 mg twice daily');
    expect(t.ignored).toEqual([{ reference: 'MedicationStatement/nt', reason: 'records a medication not taken' }]);
  });

  it('leaves future events off the chart but keeps the planned end', () => {
    const t = timeline({ id: 'a', mg: 50, start: '2025-05-01', end: '2025-08-01' });
    expect(events(t)).toEqual(['2025-05-01 start sertraline 50 mg started']);
    expect(currentPsychotropics(t, now)).toHaveLength(1);
  });
});
