/** The user's role in the app bar: said when the EHR knows it, a choice when it does not. */
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type Role, ROLE_LABEL, ROLES } from '../../clinical/roles/roles';
import { useRole } from './RoleContext';

export function RoleSwitch() {
  const { role, source, choose } = useRole();
  if (source === 'loading') return null;
  if (source === 'ehr' && role) {
    return (
      <Typography component="span" variant="body2" data-testid="user-role">
        {ROLE_LABEL[role]}
      </Typography>
    );
  }
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
