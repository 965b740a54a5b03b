/** The caseload row's options from the session: the clinic's zone and the program's rules. */
import type { RowOptions } from '../clinical/caseload';
import { clinicTimeZone, type IssuerSettings } from './runtimeConfig';

export function rowOptions(settings: IssuerSettings, now: Date): RowOptions {
  const { clinical, registry, contactCadence, billing, measurementSchedule } = settings.program;
  return {
    now,
    timeZone: clinicTimeZone(settings),
    ...(clinical ? { settings: clinical } : {}),
    ...(registry ? { registrySettings: registry } : {}),
    ...(contactCadence ? { cadence: contactCadence } : {}),
    ...(billing ? { billing } : {}),
    ...(measurementSchedule ? { measurementSchedule } : {}),
  };
}
