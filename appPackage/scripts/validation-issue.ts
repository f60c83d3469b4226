/** One problem found in an app package, named by where it is (`manifest.webApplicationInfo.resource`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/** Thrown when a package would be rejected by Teams; every issue names the field at fault. */
export class PackageValidationError extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`App package is not valid:\n${issues.map((i) => `  - ${formatIssue(i)}`).join('\n')}`);
    this.name = 'PackageValidationError';
  }
}
