import type { ApiError, MatchRunView } from '../api/index.js';

/**
 * What "Run matching" sends: the proposal on screen, which the new run replaces (`null`: none is
 * shown). The API creates the run only while that is still the program's proposal, so two admins
 * who click at once, or one who looks at an old proposal, get one run and a 409 naming it.
 */
export function newMatchRunBody(shownRunId: string | undefined): { supersedes: string | null } {
  return { supersedes: shownRunId ?? null };
}

/** The proposal someone else made meanwhile, when the API refused a new run for it. */
export function newerRunOf(error: ApiError | undefined): MatchRunView['id'] | undefined {
  if (error?.status !== 409) return undefined;
  const runId = (error.problem as { runId?: unknown }).runId;
  return typeof runId === 'string' && runId !== '' ? runId : undefined;
}
