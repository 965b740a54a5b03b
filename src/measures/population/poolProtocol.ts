/** Messages between the population run and its worker threads. */
import type { PatientResult } from '../ecqm/engine';
import type { MeasureId, MeasurementPeriod } from '../ecqm/measures';

export interface BucketJob {
  id: number;
  bucket: string;
  measures: MeasureId[];
  period: MeasurementPeriod;
  chunkSize: number;
}

export interface BucketResult {
  id: number;
  patients: number;
  results: Partial<Record<MeasureId, PatientResult[]>>;
  error?: string;
}
