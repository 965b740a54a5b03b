import { describe, expect, it } from 'vitest';
import { FREQUENCY_ANSWERS, GAD2, GAD7, INSTRUMENTS, PHQ2, PHQ9 } from './definitions.ts';
import { SCORE_OBSERVATION_CODES, searchCodes } from './searchCodes.ts';

describe('instrument definitions', () => {
  it('use the LOINC codes of clinical-reference.md', () => {
    expect(PHQ9.panelCode).toBe('44249-1');
    expect(PHQ9.totalCode).toBe('44261-6');
    expect(PHQ9.items.map((i) => i.loinc)).toEqual(['44250-9', '44255-8', '44259-0', '44254-1', '44251-7', '44258-2', '44252-5', '44253-3', '44260-8']);
    expect(GAD7.panelCode).toBe('69737-5');
    expect(GAD7.totalCode).toBe('70274-6');
    expect(GAD7.items.map((i) => i.loinc)).toEqual(['69725-0', '68509-9', '69733-4', '69734-2', '69735-9', '69689-8', '69736-7']);
    expect(PHQ2.panelCode).toBe('55757-9');
    expect(PHQ2.totalCode).toBe('55758-7');
    expect(PHQ2.items).toEqual(PHQ9.items.slice(0, 2));
    expect(GAD2.items).toEqual(GAD7.items.slice(0, 2));
  });

  it('never carry the wrong GAD-7 item codes seen in some public repositories', () => {
    const wrong = ['69726-8', '69727-6', '69728-4', '69729-2', '69730-0', '69731-8'];
    expect(GAD7.items.some((i) => wrong.includes(i.loinc))).toBe(false);
  });

  it('leave the unverified GAD-2 panel and total codes undefined', () => {
    expect(GAD2.panelCode).toBeUndefined();
    expect(GAD2.totalCode).toBeUndefined();
  });

  it('score answers 0-3 with the LA codes', () => {
    expect(FREQUENCY_ANSWERS.map((a) => [a.code, a.score])).toEqual([
      ['LA6568-5', 0],
      ['LA6569-3', 1],
      ['LA6570-1', 2],
      ['LA6571-9', 3],
    ]);
  });

  it.each(Object.values(INSTRUMENTS))('$name: max score is items x 3 and bands tile 0..max', (def) => {
    expect(def.maxScore).toBe(def.items.length * 3);
    if (def.severityBands.length === 0) return;
    expect(def.severityBands[0]?.min).toBe(0);
    expect(def.severityBands.at(-1)?.max).toBe(def.maxScore);
    def.severityBands.forEach((band, i) => {
      if (i > 0) expect(band.min).toBe((def.severityBands[i - 1]?.max ?? -2) + 1);
    });
  });

  it('screeners go on to the full form at 3 or more', () => {
    expect(PHQ2.screening).toEqual({ positiveAtOrAbove: 3, followUp: 'phq9' });
    expect(GAD2.screening).toEqual({ positiveAtOrAbove: 3, followUp: 'gad7' });
  });

  it('writes the LOINC form canonicals', () => {
    expect(PHQ9.canonical).toBe('http://loinc.org/q/44249-1');
    expect(GAD7.canonical).toBe('http://loinc.org/q/69737-5');
    expect(PHQ2.canonical).toBe('http://loinc.org/q/55757-9');
  });
});

describe('searchCodes', () => {
  it('lists panel, total and item-9 codes per instrument', () => {
    expect(searchCodes()).toEqual([
      { instrument: 'phq2', codes: ['55757-9', '55758-7'] },
      { instrument: 'phq9', codes: ['44249-1', '44261-6', '44260-8'] },
      { instrument: 'gad2', codes: [] },
      { instrument: 'gad7', codes: ['69737-5', '70274-6'] },
    ]);
  });

  it('builds one code search parameter including item 9 and the SNOMED CT PHQ-9 total', () => {
    expect(SCORE_OBSERVATION_CODES).toContain('http://loinc.org|44260-8');
    expect(SCORE_OBSERVATION_CODES.split(',')).toContain('http://snomed.info/sct|720433000');
    expect(SCORE_OBSERVATION_CODES.split(',')).toHaveLength(8);
  });
});
