export { SURVEY_PHASES, SURVEY_ROLES } from './instrument.js';
export type {
  SurveyDimension,
  SurveyInstrument,
  SurveyItem,
  SurveyPhase,
  SurveyRole,
  SurveyScale,
} from './instrument.js';
export {
  DEFAULT_SURVEY_ROOT,
  SurveyContentError,
  createSurveyLibrary,
  loadSurveyInstruments,
  loadSurveyLibrary,
} from './instrument-loader.js';
export type { SurveyLibrary } from './instrument-loader.js';
export { runSurveysCli } from './surveys-cli.js';
export { END_SURVEY_OPEN_DAYS, surveyWindow } from './survey-windows.js';
export { instrumentView, listMySurveys, mySurvey, saveMySurvey } from './survey-responses.js';
export { shippedSurveys, surveyRoutes } from './survey-routes.js';
export { pairedChange, studentTQuantile } from './paired-change.js';
export type { PairedChange } from './paired-change.js';
export { programOutcomes } from './program-outcomes.js';
export { outcomesCsv } from './outcomes-csv.js';
export { outcomesRoutes } from './outcomes-routes.js';
export { runSurveyNudgeScan, startSurveyNudges, surveyJobHandlers } from './survey-nudges.js';
