import { useState } from 'react';
import { useApi, useSubmit, type MySurveyView } from '../api/index.js';
import { useNotify } from '../ui/index.js';
import { surveyPath } from './survey-path.js';

/** The survey form's state and its save: the render (survey-form.tsx) only lays it out. */
export function useSurveyForm(survey: MySurveyView, onSaved: () => void) {
  const api = useApi();
  const notify = useNotify();
  const [answers, setAnswers] = useState<Record<string, number>>(survey.answers ?? {});
  const { busy: saving, error, run } = useSubmit();
  const readOnly = survey.state !== 'open';
  const missing = survey.instrument.items.filter((i) => answers[i.key] === undefined).length;

  const answer = (key: string, value: number) => setAnswers((a) => ({ ...a, [key]: value }));
  const save = () =>
    run(async () => {
      await api.send('PUT', surveyPath(survey), { answers });
      notify('Your answers are saved. Only you can read them.');
      onSaved();
    });

  return { answers, answer, readOnly, missing, saving, error, save };
}
