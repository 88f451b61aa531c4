#!/usr/bin/env node
// Entry point for `npx cityguard`: runs the TypeScript command line through tsx,
// so the installed package needs no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/app/cli/main.ts');
process.exitCode = await main(process.argv);
