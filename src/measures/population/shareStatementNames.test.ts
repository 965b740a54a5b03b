import { describe, expect, it } from 'vitest';
import type { PatientResult } from '../ecqm/engine';
import { StatementNames } from './shareStatementNames';

const result = (id: string, met: boolean): PatientResult => ({
  patientId: id,
  populations: { 'initial-population': true, denominator: true, 'denominator-exclusion': false, 'denominator-exception': false, numerator: met },
  // As a structured clone or JSON.parse gives them: each result's own copy of the names.
  statements: JSON.parse(JSON.stringify([{ name: 'Qualifying Encounter During Measurement Period', met: true }, { name: 'Has Follow Up Plan', met }])) as PatientResult['statements'],
});

describe('StatementNames', () => {
  it('keeps every result as it was, the names now one shared copy', () => {
    const names = new StatementNames();
    const a = [result('a', true)];
    const b = [result('b', false)];
    const before = JSON.stringify([...a, ...b]);
    expect(names.share(a)).toBe(a);
    names.share(b);
    expect(JSON.stringify([...a, ...b])).toBe(before);
    expect(b[0]!.statements[1]).toEqual({ name: 'Has Follow Up Plan', met: false });
    expect(a[0]!.statements.map((s) => s.name)).toEqual(b[0]!.statements.map((s) => s.name));
  });
});
