import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { IsoDateField, IsoTimeField } from '../../shared/IsoDateField';
import {
  CONTACT_MODALITIES,
  CONTACT_MODALITY_DISPLAY,
  CONTACT_OUTCOMES,
  CONTACT_OUTCOME_DISPLAY,
  CONTACT_TYPES,
  CONTACT_TYPE_DISPLAY,
  type ContactModality,
  type ContactOutcome,
  type ContactType,
} from '../../clinical/contacts';
import { type ContactFormValues, type FormErrors, MAX_MINUTES } from '../model/contactForm';

/** The labelled fields of a contact; native selects, so every browser and screen reader knows them. */
export function ContactFields({
  values,
  errors,
  onChange,
  disabled,
}: {
  values: ContactFormValues;
  errors: FormErrors;
  onChange: (change: Partial<ContactFormValues>) => void;
  disabled: boolean;
}) {
  const native = { select: { native: true } } as const;
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <Stack direction="row" spacing={2}>
        <IsoDateField label="Date" value={values.date} onChange={(date) => onChange({ date })} error={!!errors.date} helperText={errors.date} disabled={disabled} required />
        <IsoTimeField label="Time" value={values.time} onChange={(time) => onChange({ time })} error={!!errors.time} helperText={errors.time} disabled={disabled} required />
      </Stack>
      <Stack direction="row" spacing={2}>
        <TextField
          select
          label="Type"
          value={values.type}
          onChange={(e) => onChange({ type: e.target.value as ContactType })}
          disabled={disabled}
          slotProps={native}
          sx={{ minWidth: 220 }}
        >
          {CONTACT_TYPES.map((t) => (
            <option key={t} value={t}>
              {CONTACT_TYPE_DISPLAY[t]}
            </option>
          ))}
        </TextField>
        <TextField
          select
          label="Modality"
          value={values.modality}
          onChange={(e) => onChange({ modality: e.target.value as ContactModality })}
          disabled={disabled}
          slotProps={native}
          sx={{ minWidth: 160 }}
        >
          {CONTACT_MODALITIES.map((m) => (
            <option key={m} value={m}>
              {CONTACT_MODALITY_DISPLAY[m]}
            </option>
          ))}
        </TextField>
      </Stack>
      <Stack direction="row" spacing={2}>
        <TextField
          select
          label="Outcome"
          value={values.outcome}
          onChange={(e) => onChange({ outcome: e.target.value as ContactOutcome })}
          disabled={disabled}
          slotProps={native}
          sx={{ minWidth: 220 }}
        >
          {CONTACT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {CONTACT_OUTCOME_DISPLAY[o]}
            </option>
          ))}
        </TextField>
        <TextField
          label="Minutes"
          value={values.minutes}
          onChange={(e) => onChange({ minutes: e.target.value })}
          error={!!errors.minutes}
          helperText={errors.minutes ?? (values.outcome === 'completed' ? undefined : 'No-shows and attempts do not count toward CoCM minutes.')}
          disabled={disabled}
          slotProps={{ htmlInput: { inputMode: 'numeric', pattern: '[0-9]*', min: 0, max: MAX_MINUTES } }}
          required
        />
      </Stack>
      <FormControlLabel
        control={<Checkbox checked={values.scaleGiven} onChange={(e) => onChange({ scaleGiven: e.target.checked })} disabled={disabled} />}
        label="Scale given (screen after saving)"
      />
      <FormControlLabel
        control={<Checkbox checked={values.separatelyBilled} onChange={(e) => onChange({ separatelyBilled: e.target.checked })} disabled={disabled} />}
        label="Time belongs to a separately billed service (not counted as CoCM minutes)"
      />
      <TextField
        label="Note"
        value={values.note}
        onChange={(e) => onChange({ note: e.target.value })}
        error={!!errors.note}
        helperText={errors.note}
        disabled={disabled}
        multiline
        minRows={2}
      />
    </Stack>
  );
}
