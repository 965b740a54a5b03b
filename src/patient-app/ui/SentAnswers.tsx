/** What the patient sent today, question by question (to view, not to send again). */
import type { SentReport } from '../../clinical/patientReports';
import { Screen } from './Screen';

function timeOf(authored: string): string {
  return /T(\d{2}:\d{2})/.exec(authored)?.[1] ?? '';
}

export function AlreadySentScreen({ reports, viewing, onView }: { reports: readonly SentReport[]; viewing: boolean; onView: () => void }) {
  const at = timeOf(reports[reports.length - 1]?.authored ?? '');
  return (
    <Screen title={viewing ? 'What you sent today' : 'You already sent your answers today'}>
      {viewing ? (
        reports.map((report) => (
          <section key={`${report.instrument}-${report.authored}`} aria-label={`${report.name} answers`}>
            <h2>
              {report.name === 'PHQ-9' ? 'About your mood' : 'About worry and nerves'} (sent at {timeOf(report.authored)})
            </h2>
            <ul className="pa-answers">
              {report.answers.map((a) => (
                <li key={a.question}>
                  {a.question}
                  <span className="answer">{a.answer}</span>
                </li>
              ))}
            </ul>
          </section>
        ))
      ) : (
        <>
          <p>Thank you. Your care team received your answers{at ? ` at ${at}` : ''}. There is nothing more to fill in today.</p>
          <div className="pa-actions">
            <button type="button" className="pa-button secondary" onClick={onView}>
              See what you sent
            </button>
          </div>
        </>
      )}
    </Screen>
  );
}
