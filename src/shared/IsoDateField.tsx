/**
 * Date and time fields that show and take yyyy-MM-dd and HH:mm (24 hours), like every other
 * date in the app: the browser's own date and time inputs follow its locale (12/01/2026,
 * 06:37 PM). What was typed is kept; a value that is not a date says so beside the field.
 */
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useState } from 'react';
import { isIsoDate, isIsoTime } from '../clinical';

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'type'> & { value: string; onChange: (value: string) => void };

function IsoField({ value, onChange, check, format, example, helperText, error, ...rest }: Props & { check: (v: string) => boolean; format: string; example: string }) {
  const [touched, setTouched] = useState(false);
  const wrong = touched && value !== '' && !check(value);
  return (
    <TextField
      {...rest}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => setTouched(true)}
      placeholder={format}
      error={Boolean(error) || wrong}
      helperText={wrong ? `Type it as ${format}, for example ${example}.` : helperText}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', maxLength: format.length, 'aria-description': `Format ${format}` } }}
    />
  );
}

export function IsoDateField(props: Props) {
  return <IsoField {...props} check={isIsoDate} format="yyyy-MM-dd" example="2026-12-01" />;
}

export function IsoTimeField(props: Props) {
  return <IsoField {...props} check={isIsoTime} format="HH:mm" example="14:05" />;
}
