import { createTheme } from '@mui/material/styles';

// Calm, high-contrast colours: the app sits inside a busy EHR and must be readable at a glance.
export const theme = createTheme({
  palette: {
    primary: { main: '#1d4f91' },
    secondary: { main: '#5b3f8c' },
    background: { default: '#f6f7f9' },
  },
  typography: { fontSize: 14 },
  components: {
    MuiButtonBase: { defaultProps: { disableRipple: false } },
  },
});
