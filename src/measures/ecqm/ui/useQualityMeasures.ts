/**
 * Runs CMS159 and CMS2 for the registry's patients: reads each batch of patients through
 * src/fhir (as the caseload does), hands it to the eCQM worker one bounded chunk at a time,
 * and reports progress, so the page never waits on the engine. A new period starts over.
 */
import type { Patient, Resource } from '@medplum/fhirtypes';
import { useEffect, useState } from 'react';
import type { FhirApi } from '../../../fhir/fhirApi';
import { readMeasureRecords } from '../../../fhir/reads/measureRecords';
import type { PatientResult } from '../engine';
import { MEASURE_IDS, type MeasureId, type MeasurementPeriod } from '../measures';
import { patientBundles } from '../patientBundles';
import { summarize, type MeasureSummary } from '../summary';
import { createWorkerRunner } from '../worker/workerClient';

/** Patients per read and per engine call: the engine's memory grows with a call's patients. */
export const CHUNK = 25;

export interface MeasureRun {
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  results: Record<MeasureId, PatientResult[]>;
  summaries: Record<MeasureId, MeasureSummary> | undefined;
  /** Resource types the EHR did not give, with its words. */
  unavailable: { resourceType: string; reason: string }[];
  names: Map<string, string>;
  message?: string;
}

function displayName(p: Patient): string {
  const n = p.name?.[0];
  return n ? [n.given?.join(' '), n.family].filter(Boolean).join(' ') || n.text || 'Unnamed patient' : 'Unnamed patient';
}

function emptyResults(): Record<MeasureId, PatientResult[]> {
  return { CMS159: [], CMS2: [] };
}

export function useQualityMeasures(api: FhirApi, patientIds: readonly string[], period: MeasurementPeriod | undefined): MeasureRun {
  const [run, setRun] = useState<MeasureRun>({ status: 'running', done: 0, total: patientIds.length, results: emptyResults(), summaries: undefined, unavailable: [], names: new Map() });
  const key = patientIds.join(',');

  useEffect(() => {
    if (!period) return undefined;
    const ids = key ? key.split(',') : [];
    const controller = new AbortController();
    const runner = createWorkerRunner();
    const results = emptyResults();
    const unavailable = new Map<string, string>();
    const names = new Map<string, string>();
    let done = 0;
    const publish = (status: MeasureRun['status'], message?: string) =>
      setRun({
        status,
        done,
        total: ids.length,
        results: { CMS159: [...results.CMS159], CMS2: [...results.CMS2] },
        summaries: status === 'done' ? { CMS159: summarize('CMS159', results.CMS159), CMS2: summarize('CMS2', results.CMS2) } : undefined,
        unavailable: [...unavailable].map(([resourceType, reason]) => ({ resourceType, reason })),
        names: new Map(names),
        ...(message ? { message } : {}),
      });
    (async () => {
      // A new period or patient list starts from nothing (published as the first step of the run).
      await Promise.resolve();
      publish('running');
      for (let i = 0; i < ids.length; i += CHUNK) {
        const batch = ids.slice(i, i + CHUNK);
        // Eight searches at once, one batch at a time (caseloadBatch's limiter would pull the
        // caseload's reads into the first screen's bundle).
        const read = await readMeasureRecords(api, batch, undefined, controller.signal);
        for (const u of read.unavailable) if (!unavailable.has(u.resourceType)) unavailable.set(u.resourceType, u.reason);
        const resources: Resource[] = [...read.records.values()].flat();
        for (const r of resources) if (r.resourceType === 'Patient' && r.id) names.set(r.id, displayName(r));
        const bundles = patientBundles(resources);
        for (const measure of MEASURE_IDS) {
          if (controller.signal.aborted) return;
          const evaluated = await runner.evaluate(measure, bundles, period);
          results[measure].push(...evaluated.results);
        }
        done += batch.length;
        if (!controller.signal.aborted) publish('running');
      }
      if (!controller.signal.aborted) publish('done');
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) publish('failed', error instanceof Error ? error.message : 'The quality measures could not be calculated.');
    });
    return () => {
      controller.abort();
      runner.dispose();
    };
  }, [api, key, period]);

  return run;
}
