/**
 * The patient view's one read and one model: every section renders from `usePatientChart()`,
 * and every write (screening, enrollment, contacts, review request) calls its `refresh()`,
 * which re-reads the patient once and rebuilds the whole model. While a refresh runs the
 * last chart stays on screen. Opened from the caseload, the chart is first drawn from the
 * records the caseload holds, then from the fresh read.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useSession } from '../../app/SessionContext';
import type { PatientRecords } from '../../clinical/caseload';
import { buildPatientChartWith, type Known, type PatientChart, type PatientChartRecords } from '../../clinical/patientChart';
import { practitionerName } from '../../clinical/demographics/patientSummary';
import { rowOptions } from '../../config/rowOptions';
import { writeCapabilitiesFor } from '../../fhir/capabilities';
import { readPatientChart } from '../../fhir/reads/patientChart';
import { practitionerDirectory } from '../../fhir/reads/practitioners';
import { errorMessage } from '../../shared/ErrorNote';
import { preloadPatientParts, treatmentBuilder } from '../deferred/parts';

export interface PractitionerChoice {
  reference: string;
  name: string;
}

export interface PatientChartValue {
  patientId: string;
  /** The latest chart read (kept on screen while a refresh runs, and when a refresh fails). */
  chart: PatientChart | undefined;
  /** The last read failed as a whole (no answer, no such patient): why. Undefined otherwise. */
  error: unknown;
  /** A read (first or refresh) is on its way. */
  loading: boolean;
  refresh: () => void;
  /** Undefined while loading; unknown with the reason when the directory could not be read. */
  practitioners: Known<PractitionerChoice[]> | undefined;
}

const PatientChartContext = createContext<PatientChartValue | undefined>(undefined);

export function usePatientChart(): PatientChartValue {
  const value = useContext(PatientChartContext);
  if (!value) throw new Error('usePatientChart() outside PatientChartProvider');
  return value;
}

interface Settled {
  version: number;
  chart: PatientChart | undefined;
  error: unknown;
}

const systemNow = () => new Date();

/** Records already in hand (the caseload's, read whole) as the chart's first draw: no treatment yet. */
function heldChart(held: PatientRecords, settings: Parameters<typeof rowOptions>[0], at: Date): Settled {
  const { failures: _none, ...records } = held;
  return { version: -1, chart: buildPatientChartWith(undefined, { ...records, treatment: undefined, failed: [], truncated: [] }, rowOptions(settings, at)), error: undefined };
}

export interface PatientChartProviderProps {
  patientId: string;
  children: ReactNode;
  now?: () => Date;
  /**
   * The patient's records as the caseload already holds them (read whole, no failure): drawn
   * at once, while the patient is read afresh (what changed since replaces them when it comes).
   */
  initialRecords?: PatientRecords | undefined;
}

export function PatientChartProvider({ patientId, children, now = systemNow, initialRecords }: PatientChartProviderProps) {
  const session = useSession();
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<Settled | undefined>(() =>
    initialRecords?.patientId === patientId && initialRecords.failures.length === 0 ? heldChart(initialRecords, session.settings, now()) : undefined,
  );
  const [practitioners, setPractitioners] = useState<Known<PractitionerChoice[]> | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    let marked = false;
    const show = (records: PatientChartRecords, done: boolean) => {
      if (controller.signal.aborted) return;
      // For `npm run bench`: the scores are in hand (chart_after_data_ms starts here). No patient data.
      if (!marked && typeof performance.mark === 'function') performance.mark('scores-read');
      marked = true;
      const build = treatmentBuilder.loaded();
      const chart = buildPatientChartWith(build, records, rowOptions(session.settings, now()));
      const complete = done && (records.treatment === undefined || build !== undefined);
      // Drawn before the treatment searches are back: a refresh keeps the treatment shown before.
      setSettled((previous) => ({ version, chart: complete ? chart : { ...chart, treatment: previous?.chart?.treatment }, error: undefined }));
      // The treatment's model code loads after the first paint (started with the reads): then build it.
      if (done && !complete) {
        treatmentBuilder.preload().then(
          () => show(records, true),
          () =>
            !controller.signal.aborted &&
            setSettled((previous) => ({
              version,
              chart: previous?.chart,
              error: new Error('The treatment part of the page could not be loaded. Check the connection, then try again.'),
            })),
        );
      }
    };
    readPatientChart(session.api, patientId, {
      granted: session.granted,
      signal: controller.signal,
      // Read once per session, beside the chart's first reads (the scores never wait for it).
      batchOffered: writeCapabilitiesFor(session).batchOffered(),
      onProgress: (records) => show(records, false),
    }).then(
      (records) => show(records, true),
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled((previous) => ({ version, chart: previous?.chart, error }));
      },
    );
    // The later parts' chunks leave once the reads above are on the wire (a task later), not before.
    const later = setTimeout(preloadPatientParts, 0);
    return () => {
      clearTimeout(later);
      controller.abort();
    };
  }, [session, patientId, version, now]);

  // Names for the registry panel: read once per session, after the chart's own reads have left.
  const chartShown = settled?.chart !== undefined;
  useEffect(() => {
    if (!chartShown) return;
    let live = true;
    practitionerDirectory(session.api).then(
      (found) => live && setPractitioners({ known: true, value: found.map((p) => ({ reference: `Practitioner/${p.id ?? ''}`, name: practitionerName(p) })) }),
      (error: unknown) => live && setPractitioners({ known: false, reason: `The list of practitioners could not be read from the EHR: ${errorMessage(error)}` }),
    );
    return () => {
      live = false;
    };
  }, [session, version, chartShown]);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const value = useMemo<PatientChartValue>(
    () => ({ patientId, chart: settled?.chart, error: settled?.error, loading: settled?.version !== version, refresh, practitioners }),
    [patientId, settled, version, refresh, practitioners],
  );
  return <PatientChartContext.Provider value={value}>{children}</PatientChartContext.Provider>;
}
