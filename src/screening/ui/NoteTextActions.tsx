import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useEffect, useRef, useState } from 'react';

/**
 * "Copy note text": the clipboard where the browser allows it; otherwise (embedded browsers
 * often refuse) the text appears selected in a box, ready for Ctrl+C.
 */
export function NoteTextActions({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const boxRef = useRef<HTMLTextAreaElement | null>(null);

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('manual');
    }
  }

  useEffect(() => {
    if (state === 'manual') {
      boxRef.current?.focus();
      boxRef.current?.select();
    }
  }, [state]);

  return (
    <div style={{ marginTop: 16 }}>
      <Button variant="outlined" onClick={copy}>
        Copy note text
      </Button>
      <span role="status" style={{ marginLeft: 12 }}>
        {state === 'copied' ? 'Note text copied. Paste it into the visit note.' : state === 'manual' ? 'Copying is blocked here: the text below is selected, press Ctrl+C.' : ''}
      </span>
      {state === 'manual' ? (
        <TextField label="Note text" multiline fullWidth minRows={6} value={text} inputRef={boxRef} slotProps={{ htmlInput: { readOnly: true } }} sx={{ mt: 2 }} />
      ) : null}
    </div>
  );
}
