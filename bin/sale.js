#!/usr/bin/env node
// The `sale` entry point: registers tsx so the TypeScript sources run as they are, then hands argv to the CLI.
import { register } from 'tsx/esm/api';

register();
const { main, installFatalHandlers } = await import('../src/cli/main.ts');
installFatalHandlers();
await main(process.argv);
