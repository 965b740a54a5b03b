import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState } from 'react';

/** Copy-ready note text: the record of last resort when the EHR takes nothing from the app. */
export function NoteTextBox({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div style={{ marginTop: 16 }}>
      <TextField label="Note text" multiline fullWidth value={text} slotProps={{ htmlInput: { readOnly: true } }} />
      <Button
        size="small"
        sx={{ mt: 1 }}
        onClick={() =>
          navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy note text'}
      </Button>
    </div>
  );
}
