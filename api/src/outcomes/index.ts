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
