/** Messages between the population run and its worker threads. */
import type { ProgramPatient } from '../../clinical/program';
import type { PatientResult } from '../ecqm/engine';
import type { MeasureId, MeasurementPeriod } from '../ecqm/measures';

export interface BucketJob {
  id: number;
  bucket: string;
  measures: MeasureId[];
  period: MeasurementPeriod;
  chunkSize: number;
  /** Build each patient's program model too (the program measures are computed over all of them at the end). */
  program?: { today: string; timeZone: string; reference: string };
}

export interface BucketResult {
  id: number;
  patients: number;
  results: Partial<Record<MeasureId, PatientResult[]>>;
  program?: ProgramPatient[];
  error?: string;
}
