// Program performance: CoCM measures, care gaps, strata, trends and MeasureReports (pure;
// definitions and defaults: docs/program-measures.md).
export type * from './types.ts';
export { DEFAULT_PROGRAM_MEASURE_SETTINGS, resolveProgramMeasureSettings, type ProgramMeasureSettings } from './settings.ts';
export { computeMeasure, computeMeasures, figuresOf, measureCells, MEASURE_IDS, MEASURE_NAMES, type MeasureCells, type MeasureFigures } from './measures.ts';
export { buildProgramPatient, programPatientOfRecords, withVisits, type EncounterRead, type ProgramPatientOptions } from './programPatient.ts';
export { careGaps, CARE_GAP_TITLE, sortGaps, type CareGap, type CareGapKind } from './careGaps.ts';
export { combineFacts, groupFacts, type MeasureFact, type PatientFacts } from './measureFacts.ts';
export { groupsOf, ProgramFactsCache } from './factsCache.ts';
export { ageBand, NOT_RECORDED, STRATIFY_LABEL, stratify, strataKeys, type StratifyBy } from './strata.ts';
export { checkPeriod, defaultPeriod, trendMonths } from './period.ts';
export { PROGRAM_MEASURE_CANONICAL, subjectListReport, summaryReport, type ReportOptions } from './measureReport.ts';
