import type { Problem } from './contract.js';

/** A non-2xx answer, carrying the problem+json the API sent (or one built from the status). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** The server's x-request-id, to quote when reporting a fault. */
  readonly requestId: string | undefined;

  constructor(problem: Problem, requestId?: string) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.requestId = requestId;
  }

  /** The problem type's last segment (`consent-required`), whether the type is a URL or a name. */
  get kind(): string {
    return this.problem.type.split('/').pop() ?? this.problem.type;
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
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const text = await response.text().catch(() => '');
  if (text !== '') {
    try {
      const body: unknown = JSON.parse(text);
      if (isProblem(body)) return new ApiError(body, requestId);
    } catch {
      // Not JSON (a proxy's HTML page, say): fall through to the status.
    }
  }
  return new ApiError(
    {
      type: 'about:blank',
      title: fallbackTitles[response.status] ?? `Request failed (${response.status})`,
      status: response.status,
      detail: response.statusText === '' ? undefined : response.statusText,
    },
    requestId,
  );
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
