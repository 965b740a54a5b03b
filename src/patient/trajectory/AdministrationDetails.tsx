import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { Administration } from '../../clinical';
import { getInstrument } from '../../clinical';

/** The item answers of one administration; PHQ-9 item 9 (self-harm) stands out when positive. */
export function AdministrationDetails({ administration }: { administration: Administration }) {
  const instrument = getInstrument(administration.instrument);
  const safetyItem = instrument.safetyItemNumber;
  return (
    <div>
      {administration.problems.length ? (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {administration.problems.join(' ')}
        </Alert>
      ) : null}
      {administration.hasItemAnswers ? (
        <Table size="small" aria-label={`${instrument.name} answers on ${administration.localDate ?? 'an unknown date'}`}>
          <TableHead>
            <TableRow>
              <TableCell scope="col">Item</TableCell>
              <TableCell scope="col">Question</TableCell>
              <TableCell scope="col">Answer</TableCell>
              <TableCell scope="col">Points</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {administration.items.map((item) => {
              const def = instrument.items.find((i) => i.number === item.number);
              const positiveSafety = item.number === safetyItem && (item.recorded ?? 0) > 0;
              return (
                <TableRow
                  key={item.number}
                  data-safety-item={item.number === safetyItem ? 'true' : undefined}
                  sx={positiveSafety ? { bgcolor: '#fdecea', '& td': { fontWeight: 700, color: '#8a1c1c' } } : undefined}
                >
                  <TableCell>{item.number}</TableCell>
                  <TableCell>
                    {def?.text}
                    {positiveSafety ? ' (safety item: answered above 0)' : ''}
                  </TableCell>
                  <TableCell>{item.missing ? 'Not answered' : (item.answerDisplay ?? '')}</TableCell>
                  <TableCell>{item.missing ? '–' : item.score}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2">Only the total score was recorded; no item answers are on file for this administration.</Typography>
      )}
      {administration.difficulty ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Difficulty: {administration.difficulty}
        </Typography>
      ) : null}
      <Typography variant="caption" component="p" sx={{ mt: 1 }}>
        Source: {administration.sources.map((s) => s.split('/')[0]).join(', ')}
      </Typography>
    </div>
  );
}
