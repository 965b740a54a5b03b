import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { PatientSummary } from '../clinical/demographics/patientSummary';

/** The patient in context, always shown: embedded browsers may share storage between app instances, so the user must see whose record this is. */
export function PatientBanner({ patient, inline = false }: { patient: PatientSummary; /** Inside the overview (no frame of its own). */ inline?: boolean }) {
  const ageSex = [patient.age !== undefined ? `${patient.age} y` : 'Age unknown', patient.sex].join(', ');
  return (
    <Paper
      component="section"
      aria-label="Patient"
      variant="outlined"
      sx={inline ? { border: 0, mb: 0.5, pb: 0.5, borderBottom: '1px solid #ddd', borderRadius: 0 } : { px: 1.5, py: 0.5, mb: 1 }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0.5, sm: 3 }} sx={{ alignItems: { sm: 'baseline' } }}>
        <Typography component="h1" variant="subtitle1" sx={{ fontWeight: 600 }} data-testid="patient-name">
          {patient.name}
        </Typography>
        <Typography data-testid="patient-age-sex">{ageSex}</Typography>
        <Typography>
          DOB <span data-testid="patient-birth-date">{patient.birthDate ?? 'not recorded'}</span>
        </Typography>
        <Typography>
          MRN <span data-testid="patient-mrn">{patient.mrn ?? 'not recorded'}</span>
        </Typography>
      </Stack>
    </Paper>
  );
}
