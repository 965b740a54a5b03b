import MenuItem from '@mui/material/MenuItem';

/** In the menu where the EHR's lists would be: they could not be read (not "there are none"). */
export function ListsProblem({ problem }: { problem: string }) {
  return (
    <MenuItem disabled sx={{ whiteSpace: 'normal', maxWidth: 420 }}>
      The EHR&apos;s patient lists could not be read: {problem}
    </MenuItem>
  );
}
