import { z } from 'zod';
import { solveAssignment } from './assignment-solver.js';

/** Large enough for any cohort, small enough that a typo cannot ask for gigabytes. */
const MAX_SIDE = 10_000;
const MAX_CELLS = 25_000_000;

const instanceSchema = z
  .strictObject({
    rows: z
      .int()
      .min(0, 'rows must not be negative')
      .max(MAX_SIDE, `rows must be at most ${MAX_SIDE}`),
    cols: z
      .int()
      .min(0, 'cols must not be negative')
      .max(MAX_SIDE, `cols must be at most ${MAX_SIDE}`),
    weights: z.array(z.array(z.number().nullable())),
  })
  .superRefine((value, ctx) => {
    if (value.rows * value.cols > MAX_CELLS) {
      ctx.addIssue({ code: 'custom', message: `rows × cols must be at most ${MAX_CELLS}` });
      return;
    }
    if (value.weights.length !== value.rows) {
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `expected ${value.rows} rows of weights, got ${value.weights.length}`,
      });
      return;
    }
    value.weights.forEach((row, r) => {
      if (row.length !== value.cols) {
        ctx.addIssue({
          code: 'custom',
          path: ['weights', r],
          message: `row ${r} has ${row.length} entries, expected ${value.cols}`,
        });
      }
    });
  });

export interface SolveCliResult {
  stdout: string;
  exitCode: number;
  stderr: string;
}

/**
 * `reverse-mentoring solve`: one JSON instance on stdin
 * (`{"rows":R,"cols":C,"weights":[[number|null,…],…]}`, higher is better, null = forbidden),
 * the optimal assignment on stdout (`{"assignment":[col or -1 per row],"total":T}`).
 * Bad input exits with 2 and says what is wrong.
 */
export async function runSolveCli(stdin: string): Promise<SolveCliResult> {
  let json: unknown;
  try {
    json = JSON.parse(stdin);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`invalid JSON: ${detail}`);
  }
  const parsed = instanceSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    });
    return fail(`invalid instance:\n  ${lines.join('\n  ')}`);
  }
  const { rows, cols, weights } = parsed.data;
  const result = solveAssignment({ rows, cols, weights });
  return {
    stdout: `${JSON.stringify({ assignment: Array.from(result.assignment), total: result.total })}\n`,
    exitCode: 0,
    stderr: '',
  };
}

function fail(message: string): SolveCliResult {
  return { stdout: '', exitCode: 2, stderr: `${message}\n` };
}
