/**
 * RFC 9457 problem details. Every error the API returns is one of these, with a stable `type`
 * so the tab (and any other client) can branch on it without parsing messages.
 */
export interface ProblemInit {
  status: number;
  /** Stable short key, e.g. `validation`, `not-found`, `unauthenticated`, `forbidden`. */
  type: string;
  title: string;
  detail?: string;
  /** Extra members, e.g. `errors` for validation failures. */
  extensions?: Record<string, unknown>;
}

export const PROBLEM_TYPE_BASE = 'https://reverse-mentoring.example/problems/';

export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(init: ProblemInit) {
    super(init.detail ?? init.title);
    this.name = 'ProblemError';
    this.status = init.status;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.extensions = init.extensions ?? {};
  }

  toJSON(instance?: string): Record<string, unknown> {
    return {
      ...this.extensions,
      type: PROBLEM_TYPE_BASE + this.type,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
    };
  }
}

export const problems = {
  badRequest: (detail: string, extensions?: Record<string, unknown>) =>
    new ProblemError({
      status: 400,
      type: 'validation',
      title: 'The request is not valid',
      detail,
      extensions,
    }),
  unauthenticated: (detail: string) =>
    new ProblemError({ status: 401, type: 'unauthenticated', title: 'Sign-in required', detail }),
  forbidden: (detail: string) =>
    new ProblemError({ status: 403, type: 'forbidden', title: 'Not allowed', detail }),
  notFound: (detail: string) =>
    new ProblemError({ status: 404, type: 'not-found', title: 'Not found', detail }),
  conflict: (detail: string, extensions?: Record<string, unknown>) =>
    new ProblemError({
      status: 409,
      type: 'conflict',
      title: 'Conflict with the current state',
      detail,
      extensions,
    }),
};
