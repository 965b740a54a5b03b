import { describe, expect, it } from 'vitest';
import { possibleRecords, type RecordSpec } from '../../clinical/records';
import type { WriteVerdict } from '../../fhir/capabilities';
import { planWrites } from './writePlan';

const allowed: WriteVerdict = { status: 'allowed' };
const refused = (reason = 'no'): WriteVerdict => ({ status: 'not-allowed', source: 'server', reason });
const specs = possibleRecords();

function plan(rule: (spec: RecordSpec) => WriteVerdict) {
  return planWrites(specs, rule);
}

describe('planWrites', () => {
  it('everything allowed: writes everything, nothing instead', () => {
    const p = plan(() => allowed);
    expect(p.willTry).toHaveLength(specs.length);
    expect(p.wontSave).toEqual([]);
    expect(p.instead).toEqual([]);
    expect(p.noteOnly).toBe(false);
  });

  it('Observations refused, forms allowed: scores stay in the form', () => {
    const p = plan((s) => (s.resourceType === 'Observation' ? refused() : allowed));
    expect(p.wontSave.map((r) => r.spec.key)).toEqual(['phq2-total', 'phq9-total', 'gad7-total', 'depression-screening-result']);
    expect(p.instead).toEqual([
      expect.stringMatching(/^Not saved as separate results: PHQ-2 total score, PHQ-9 total score, GAD-7 total score\. The scores stay inside the saved form/),
      expect.stringMatching(/CMS2 quality measure counts cannot be saved by the app: .* record the depression screening result/),
    ]);
  });

  it('Flag refused: set the flag by hand, the note names the finding', () => {
    const p = plan((s) => (s.resourceType === 'Flag' ? refused() : allowed));
    expect(p.wontSave.map((r) => r.spec.key)).toEqual(['safety-flag']);
    expect(p.instead).toEqual([expect.stringMatching(/set a suicide-risk flag in the EHR by hand/)]);
  });

  it('forms refused, scores allowed: totals as results, answers in the note', () => {
    const p = plan((s) => (s.resourceType === 'QuestionnaireResponse' ? refused() : allowed));
    expect(p.instead).toEqual([expect.stringMatching(/cannot be saved as a form: the total scores are saved as results/)]);
  });

  it('nothing allowed: note text only, and the flag by hand', () => {
    const p = plan(() => refused());
    expect(p.noteOnly).toBe(true);
    expect(p.willTry).toEqual([]);
    expect(p.instead).toEqual([expect.stringMatching(/flag in the EHR by hand/), expect.stringMatching(/takes nothing from the app here: copy the note text/)]);
  });

  it('Epic-like: only PHQ-9 total mapped, Flag refused', () => {
    const p = plan((s) => (s.resourceType === 'Flag' || (s.kind === 'score' && s.key !== 'phq9-total') ? refused() : allowed));
    expect(p.willTry.map((r) => r.spec.key)).toEqual(['phq9-response', 'gad7-response', 'phq9-total', 'depression-screening-result']);
    expect(p.instead).toHaveLength(2);
    expect(p.instead[1]).toMatch(/PHQ-2 total score, GAD-7 total score/);
  });

  it('unknown verdicts are tried, and "still checking" is reported', () => {
    const p = plan(() => ({ status: 'unknown', reason: 'The app is still checking what this EHR accepts.' }));
    expect(p.willTry).toHaveLength(specs.length);
    expect(p.checking).toBe(true);
    expect(plan(() => ({ status: 'unknown', reason: 'did not say' })).checking).toBe(false);
  });

  it('one form refused of two names it', () => {
    const p = plan((s) => (s.key === 'gad7-response' ? refused() : allowed));
    expect(p.instead).toEqual(['Not saved as a form: anxiety answers (GAD-2/GAD-7 form). Those answers go in the note text.']);
  });
});
