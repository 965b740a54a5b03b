// The contact log: contacts as registry Observations (pure builders and reader), cadence and
// note text. Pure: no I/O, no clock reads. Mapping: docs/fhir-mapping.md, "Contacts".
export * from './codes.ts';
export type * from './types.ts';
export { buildContactObservation, contactIdentifier, correctContactObservation, removeContactObservation, type ContactRecordInput } from './records.ts';
export { isContactObservation, readContacts, type ReadContactsResult } from './readContacts.ts';
export { contactCadence, DEFAULT_CADENCE_SETTINGS, type CadenceEpisode, type CadenceOptions, type CadenceSettings, type ContactCadence } from './cadence.ts';
export { contactNoteText } from './noteText.ts';
export { fhirDateTimeInZone, instantOfWallClock, wallClockOf, zoneOffsetMinutes } from './clinicTime.ts';
export { contactColumns, contactServiceDates, EMPTY_CONTACT_COLUMNS, type ContactColumnOptions, type ContactColumns } from './contactColumns.ts';
export { buildContactLogModel, type ContactLogModel, type ContactLogRules } from './contactLog.ts';
