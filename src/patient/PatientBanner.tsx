import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { PatientSummary } from '../clinical/demographics/patientSummary';

/** The patient in context, always shown: embedded browsers may share storage between app instances, so the user must see whose record this is. */
export function PatientBanner({ patient }: { patient: PatientSummary }) {
  const ageSex = [patient.age !== undefined ? `${patient.age} y` : 'Age unknown', patient.sex].join(', ');
  return (
    <Paper component="section" aria-label="Patient" variant="outlined" sx={{ p: 1.5, mb: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 0.5, sm: 3 }} sx={{ alignItems: { sm: 'baseline' } }}>
        <Typography component="h1" variant="h6" data-testid="patient-name">
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
