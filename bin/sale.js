#!/usr/bin/env node
// The `sale` entry point: the prebuilt bundle when it matches the sources (bin/bundle.js), else tsx
// registered so the TypeScript sources run as they are; then argv goes to the CLI.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle } from './bundle.js';

const bundle = freshBundle(fileURLToPath(new URL('..', import.meta.url)));
let cli;
if (bundle) {
  cli = await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
cli.installFatalHandlers();
await cli.main(process.argv);
