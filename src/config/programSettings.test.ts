import { describe, expect, it } from 'vitest';
import { parseProgramSettings } from './programSettings';
import { ConfigError, parseRuntimeConfig } from './runtimeConfig';

describe('parseProgramSettings', () => {
  it('accepts overrides shaped like the defaults', () => {
    const program = {
      clinical: { notImprovingAfterWeeks: 12, remissionBelow: { phq9: 5 } },
      registry: { episodeGapMonths: 6 },
      contactCadence: { weeklyInFirstMonth: true },
      billing: { g2214: { enabled: true }, addOn: { maxUnits: 2 }, billingProviders: ['Practitioner/1'], timerRounding: 'nearest' },
      measures: { improvedWindowTo: 90, sharedSmallCellThreshold: 20 },
      measurementSchedule: { activeDays: 28 },
      patientReports: { showScoresToPatient: true },
    };
    expect(parseProgramSettings(program)).toEqual(program);
    expect(parseRuntimeConfig({ clientId: 'x', program }).program.billing?.g2214?.enabled).toBe(true);
    expect(parseRuntimeConfig({ clientId: 'x' }).program).toEqual({});
  });

  it.each([
    [{ billing: { g2214: { enabled: 'yes' } } }, /program.billing.g2214.enabled must be a boolean/],
    [{ billing: { firstMonth: { minMinutes: -3 } } }, /program.billing.firstMonth.minMinutes must be a non-negative number/],
    [{ clinical: { notImprovingAfterWeek: 12 } }, /program.clinical.notImprovingAfterWeek is not a setting/],
    [{ payroll: {} }, /program.payroll is not a settings group/],
    [{ measures: { smallCellTreshold: 11 } }, /program.measures.smallCellTreshold is not a setting/],
    [{ measurementSchedule: { activeWeeks: 2 } }, /program.measurementSchedule.activeWeeks is not a setting/],
    [{ billing: { billingProviders: 'Practitioner/1' } }, /billingProviders must be a list of strings/],
    [{ billing: { timerRounding: 'up' } }, /program.billing.timerRounding must be one of "down", "nearest"/],
    [[], /program must be an object/],
  ])('names what is wrong in %j', (program, message) => {
    expect(() => parseProgramSettings(program)).toThrow(ConfigError);
    expect(() => parseProgramSettings(program)).toThrow(message);
  });
});
