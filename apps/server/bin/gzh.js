#!/usr/bin/env node
// Entry point of the `gzh` command. The server is written in TypeScript and runs through tsx's
// loader, so `npx gzh …` works straight after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/index.ts');
await runCli(process.argv);
