import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { INSTRUMENTS } from '../../clinical';
import type { ScreeningDraft } from '../model/draft';
import { answerOf, fullInstrumentOf, offersFullForm, type Question, SECTION_IDS, type SectionId, sectionStatus, statusText, visibleQuestions } from '../model/flow';
import { QuestionItem } from './QuestionItem';

const SECTION_TITLES: Record<SectionId, string> = {
  phq: 'Depression: PHQ-2, then PHQ-9',
  gad: 'Anxiety: GAD-2, then GAD-7',
};

export interface QuestionsStepProps {
  draft: ScreeningDraft;
  disabled: boolean;
  onAnswer: (question: Question, value: string, viaKey: boolean) => void;
  onChooseFull: (section: SectionId) => void;
  registerGroup: (key: string, element: HTMLElement | null) => void;
}

/** The questions; Finish lives in the dialog's footer, always in view. */
export function QuestionsStep({ draft, disabled, onAnswer, onChooseFull, registerGroup }: QuestionsStepProps) {
  const questions = visibleQuestions(draft);
  const item = (q: Question) => (
    <QuestionItem
      key={q.key}
      question={q}
      value={answerOf(draft, q)}
      disabled={disabled}
      onAnswer={(value, viaKey) => onAnswer(q, value, viaKey)}
      groupRef={(el) => registerGroup(q.key, el)}
    />
  );
  const unscored = questions.filter((q) => !q.scored);
  return (
    <>
      <Typography variant="body2" sx={{ mb: 2 }}>
        Over the last 2 weeks, how often has the patient been bothered by the following problems? Keys 0 to 3 answer the focused question and move to the next.
      </Typography>
      {SECTION_IDS.map((section) => {
        const status = sectionStatus(draft, section);
        const titleId = `section-${section}`;
        return (
          <Box component="section" aria-labelledby={titleId} key={section} sx={{ mb: 3 }}>
            <Typography id={titleId} component="h3" variant="h6" sx={{ mb: 1 }}>
              {SECTION_TITLES[section]}
            </Typography>
            {questions.filter((q) => q.section === section && q.scored).map(item)}
            <Typography aria-live="polite" data-testid={`status-${section}`} sx={{ fontWeight: 600 }}>
              {statusText(status)}
            </Typography>
            {offersFullForm(draft, section) ? (
              <Button variant="text" onClick={() => onChooseFull(section)} disabled={disabled} sx={{ mt: 1 }}>
                Continue to full {INSTRUMENTS[fullInstrumentOf(section)].name}
              </Button>
            ) : null}
          </Box>
        );
      })}
      {unscored.length ? (
        <Box component="section" aria-labelledby="section-difficulty" sx={{ mb: 1 }}>
          <Typography id="section-difficulty" component="h3" variant="h6" sx={{ mb: 1 }}>
            PHQ-9: how difficult (not scored)
          </Typography>
          <Typography variant="body2" sx={{ mb: 1 }}>
            Optional. Keys N, S, V and E answer it when it is focused.
          </Typography>
          {unscored.map(item)}
        </Box>
      ) : null}
    </>
  );
}
