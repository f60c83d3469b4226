// The tab builds against the API's own contract so both sides break together.
export type * from '../../../api/src/contract/index.js';
export {
  DEFAULT_TOPICS,
  ELIGIBILITY_FIELDS,
  GROUP_ELIGIBILITY,
  GUIDE_LIMITS,
  PEOPLE_SEARCH_LIMITS,
  CAREER_LEVELS,
  COMMITMENT_LIMITS,
  commitmentAddProblem,
  careerLevelLabel,
  RULE_LIMITS,
  ruleLimitProblem,
  SCORE_PARTS,
  TOPIC_LIMITS,
  scorePartLabel,
  tabPaths,
  tabUrl,
  topicName,
} from '../../../api/src/contract/index.js';
