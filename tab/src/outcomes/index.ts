// Outcome surveys (employees) and their analysis and report (admins); the shell loads this lazily.
export { OutcomesView } from './outcomes-view.js';
export { ProgramReport } from './program-report.js';
export { SurveyView } from './survey-view.js';
