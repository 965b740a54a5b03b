import MenuItem from '@mui/material/MenuItem';

/** In the menu where the EHR's lists would be: which could not be read (not "there are none"). `problem` is the whole sentence. */
export function ListsProblem({ problem }: { problem: string }) {
  return (
    <MenuItem disabled sx={{ whiteSpace: 'normal', maxWidth: 420 }}>
      {problem}
    </MenuItem>
  );
}
