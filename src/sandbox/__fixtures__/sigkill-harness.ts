// Test fixture: a harness that starts a sandboxed program which leaves a daemon behind, prints the
// program's uid and the run folder as soon as the program reports them, and then waits to be SIGKILLed.
// argv: isolation level.
import { createSandbox } from '../index.ts';
import type { Isolation } from '../types.ts';

const sandbox = await createSandbox({ isolation: process.argv[2] as Isolation, defaults: { timeoutMs: 60_000 } });
const code = [
  'import os, sys, time',
  'if os.fork() == 0:',
  '    os.setsid()',
  '    if os.fork() == 0:',
  '        time.sleep(60); os._exit(0)',
  '    os._exit(0)',
  'print(os.getuid(), os.getcwd(), flush=True)',
  'time.sleep(60)',
].join('\n');
void sandbox.runPython({
  code,
  attach: (io) => {
    io.stdout.on('data', (c: Buffer) => process.stdout.write(c));
  },
});
