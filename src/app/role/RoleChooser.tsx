/** The role choice in the app bar, when the EHR does not say the user's role (RoleSwitch). */
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { type Role, ROLE_LABEL, ROLES } from '../../clinical/roles/roles';
import { useRole } from './RoleContext';

export default function RoleChooser() {
  const { role, choose } = useRole();
  return (
    <TextField
      select
      size="small"
      label="Your role"
      value={role ?? ''}
      onChange={(e) => choose((e.target.value || undefined) as Role | undefined)}
      sx={{ minWidth: 200, '& .MuiInputBase-root': { bgcolor: 'background.paper' } }}
      helperText={undefined}
      slotProps={{ inputLabel: { sx: { color: 'common.white', '&.Mui-focused': { color: 'common.white' } } } }}
    >
      <MenuItem value="">Not chosen (all actions)</MenuItem>
      {ROLES.map((r) => (
        <MenuItem key={r} value={r}>
          {ROLE_LABEL[r]}
        </MenuItem>
      ))}
    </TextField>
  );
}
