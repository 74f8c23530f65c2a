// Running a part of the project as an unprivileged user when the tests run as root (as CI does):
// setpriv drops to `nobody` with a private folder of its own, so the non-root branches get tested.
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { findTool, isRoot } from '../../src/sandbox/command.ts';

export const NOBODY = 65534;
const project = fileURLToPath(new URL('../..', import.meta.url));

export interface Nobody {
  /** Why nothing can run as nobody here (null: it can). */
  skip: string | null;
  /** A private folder owned by nobody: its HOME and TMPDIR. */
  home: string;
  /** Run a command as nobody, in the project folder, with a minimal environment. */
  run(argv: string[]): Promise<{ exitCode: number | undefined; stdout: string; stderr: string }>;
  /** Run a TypeScript file of the project as nobody (node --import tsx FILE ARGS). */
  runTs(file: string, args: string[]): Promise<{ exitCode: number | undefined; stdout: string; stderr: string }>;
  cleanup(): void;
}

export async function asNobody(): Promise<Nobody> {
  const setpriv = findTool('setpriv');
  let home = '';
  const run: Nobody['run'] = async (argv) => {
    const r = await execa(setpriv!, [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', ...argv], {
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, TMPDIR: home, LANG: 'C.UTF-8' },
      extendEnv: false,
      cwd: project,
      reject: false,
      timeout: 120_000,
    });
    return { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const runTs: Nobody['runTs'] = (file, args) => run([process.execPath, '--import', 'tsx', file, ...args]);
  const cleanup = () => {
    if (home) rmSync(home, { recursive: true, force: true });
  };
  let skip: string | null = !isRoot() ? 'not root: the other tests already run the non-root branches' : !setpriv ? 'setpriv is missing' : null;
  if (skip === null) {
    home = mkdtempSync(path.join(os.tmpdir(), 'sale-nonroot-'));
    chownSync(home, NOBODY, NOBODY);
    chmodSync(home, 0o700);
    const r = await run(['/bin/sh', '-c', `test -r ${JSON.stringify(path.join(project, 'package.json'))} && test -x ${JSON.stringify(process.execPath)}`]);
    if (r.exitCode !== 0) skip = `nobody cannot read the project at ${project} or run ${process.execPath}`;
  }
  return { skip, home, run, runTs, cleanup };
}
