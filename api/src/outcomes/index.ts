export type { SurveyLibrary } from './instrument-loader.js';
export { runSurveysCli } from './surveys-cli.js';
export { saveMySurvey } from './survey-responses.js';
export { shippedSurveys, surveyRoutes } from './survey-routes.js';
export { outcomesRoutes } from './outcomes-routes.js';
export { startSurveyNudges, surveyJobHandlers } from './survey-nudges.js';
