import type { Problem } from './contract.js';

/** A non-2xx answer, carrying the problem+json the API sent (or one built from the status). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === 'string' && typeof v.status === 'number';
}

const fallbackTitles: Record<number, string> = {
  401: 'You are signed out',
  403: 'You do not have access to this',
  404: 'Not found',
  409: 'That change conflicts with the current state',
  429: 'Too many requests',
  503: 'The service is starting or busy',
};

/** Builds the error from any answer: problem+json when the API sent one, otherwise from the status. */
export async function problemFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  if (text !== '') {
    try {
      const body: unknown = JSON.parse(text);
      if (isProblem(body)) return new ApiError(body);
    } catch {
      // Not JSON (a proxy's HTML page, say): fall through to the status.
    }
  }
  return new ApiError({
    type: 'about:blank',
    title: fallbackTitles[response.status] ?? `Request failed (${response.status})`,
    status: response.status,
    detail: response.statusText === '' ? undefined : response.statusText,
  });
}

/** A network failure (offline, server down) as a problem the views can show the same way. */
export function networkProblem(cause: unknown): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Cannot reach Reverse Mentoring',
    status: 0,
    detail: cause instanceof Error ? cause.message : 'The network request failed.',
  });
}
