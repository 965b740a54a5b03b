import Button from '@mui/material/Button';
import { type ReactNode, useId, useState } from 'react';

/** "Show other conditions (4)": content one click away, announced as expanded or not. */
export function Disclosure({ label, count, children }: { label: string; count: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (count === 0) return null;
  return (
    <div>
      <Button size="small" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        {open ? `Hide ${label}` : `Show ${label} (${count})`}
      </Button>
      <div id={id} hidden={!open}>
        {open ? children : null}
      </div>
    </div>
  );
}
