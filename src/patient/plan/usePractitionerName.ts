import { usePatientChart } from '../chart/PatientChartProvider';

/** A practitioner's name from the chart's directory, else the reference (never blank). */
export function usePractitionerName(): (ref: string | undefined) => string {
  const { practitioners } = usePatientChart();
  return (ref) => (ref ? ((practitioners?.known ? practitioners.value.find((p) => p.reference === ref)?.name : undefined) ?? ref) : 'unknown author');
}
