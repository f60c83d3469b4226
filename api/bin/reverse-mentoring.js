#!/usr/bin/env node
// The reverse-mentoring command. Runs the TypeScript sources through tsx, so a fresh clone needs
// no build step: `npx reverse-mentoring <command>`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
