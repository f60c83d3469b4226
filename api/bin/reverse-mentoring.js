#!/usr/bin/env node
// The reverse-mentoring command. Runs the JavaScript that `npm run build` compiled into api/dist
// (`npm start` builds first). Beside the sources it refuses a build that does not match them.
import { buildProblem } from './build-stamp.js';

const problem = buildProblem();
if (problem !== undefined) {
  process.stderr.write(`reverse-mentoring: ${problem}.\nRun \`npm run build\` first.\n`);
  process.exit(1);
}
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
