import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { INSTRUMENTS, PHQ9_DIFFICULTY } from '../../clinical';
import { type CompletedScreening, scoreOf, scoreText } from '../../clinical/records';

/** Each instrument's total and severity, then every answer, as a table per instrument. */
export function AnswersSummary({ screening }: { screening: CompletedScreening }) {
  return (
    <>
      {screening.administered.map((administered) => {
        const score = scoreOf(administered);
        const definition = INSTRUMENTS[administered.instrument];
        const difficulty = PHQ9_DIFFICULTY.answers.find((a) => a.code === administered.difficulty);
        return (
          <section key={administered.instrument} aria-label={`${definition.name} answers`}>
            <Typography component="h3" variant="h6" sx={{ mt: 2 }}>
              {scoreText(score)}
            </Typography>
            <Table size="small" aria-label={`${definition.name} answers`}>
              <TableHead>
                <TableRow>
                  <TableCell>Item</TableCell>
                  <TableCell>Answer</TableCell>
                  <TableCell align="right">Score</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {definition.items.map((item) => {
                  const value = administered.scores[item.number - 1];
                  const answer = definition.answers.find((a) => a.score === value);
                  return (
                    <TableRow key={item.loinc} selected={item.number === definition.safetyItemNumber && (value ?? 0) > 0}>
                      <TableCell>
                        {item.number}. {item.text}
                      </TableCell>
                      <TableCell>{answer?.display ?? 'Not answered'}</TableCell>
                      <TableCell align="right">{value}</TableCell>
                    </TableRow>
                  );
                })}
                {difficulty ? (
                  <TableRow>
                    <TableCell>Difficulty (not scored)</TableCell>
                    <TableCell colSpan={2}>{difficulty.display}</TableCell>
                  </TableRow>
                ) : null}
              </TableBody>
            </Table>
          </section>
        );
      })}
    </>
  );
}
