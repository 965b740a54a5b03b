/**
 * From the records read for the report to the billing model's patients: name, MRN and birth
 * date from the Patient; episodes, treating provider (the episode's PCP) and care manager
 * from the enrollment events; contacts from the contact Observations. Pure.
 */
import type { Observation, Patient } from '@medplum/fhirtypes';
import type { BillingPatient } from '../clinical/billing';
import { contactServiceDates, readContacts } from '../clinical/contacts';
import { summarizePatient } from '../clinical/demographics/patientSummary';
import { deriveEnrollment, readRegistryRecords } from '../clinical/enrollment';

export function toBillingPatients(
  patients: readonly Patient[],
  observations: ReadonlyMap<string, readonly Observation[]>,
  options: { today: string; timeZone: string; now: Date; nameOf: (reference: string | undefined) => string },
): BillingPatient[] {
  return patients.map((patient) => {
    const id = patient.id ?? '';
    const records = observations.get(id) ?? [];
    const summary = summarizePatient(patient, options.now);
    const registry = readRegistryRecords(records, []);
    const enrollment = deriveEnrollment(registry.events, { today: options.today, serviceDates: contactServiceDates(records, options.timeZone) });
    const episode = enrollment.current;
    const person = (reference: string | undefined) => (reference ? { reference, name: options.nameOf(reference) } : undefined);
    return {
      patientId: id,
      name: summary.name,
      mrn: summary.mrn,
      birthDate: patient.birthDate,
      treatingProvider: person(episode?.pcp),
      careManager: person(episode?.careManager),
      episodes: enrollment.episodes.map((e) => ({ start: e.start, end: e.end })),
      contacts: readContacts(records, options.timeZone).contacts,
    };
  });
}
