import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { CLOSE_FDS, closeFdsCommand, findTool } from './command.ts';

// The first stage of every bwrap and rlimit run closes what the harness's process leaked to it.
// Here the leaks are real: a shell opens fds 7 and 300 without close-on-exec, then execs the stage.
describe('closing inherited descriptors', () => {
  const leak = (stage: string[]) =>
    execa('/bin/bash', ['-c', 'exec 7</etc/hostname 300</etc/hostname; exec "$@"', 'leak', ...stage, '/bin/ls', '/proc/self/fd'], { reject: false });

  it('the leak is real without the stage', async () => {
    const r = await leak([]);
    expect(r.stdout.split('\n')).toEqual(expect.arrayContaining(['7', '300']));
  });

  it.each([
    ['bash', findTool('bash') ? closeFdsCommand('python3', false) : null],
    ['python', ['python3', '-I', '-S', '-c', CLOSE_FDS]],
  ])('%s closes every descriptor above 2 and execs the program', async (_name, stage) => {
    if (!stage) return;
    const r = await leak(stage);
    expect(r.exitCode).toBe(0);
    // ls's own descriptor on /proc/self/fd is 3.
    expect(r.stdout.split('\n').filter(Boolean).map(Number).sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
  });

  it('bash adds nothing to the environment', async () => {
    const stage = closeFdsCommand('python3', false);
    const r = await execa(stage[0]!, [...stage.slice(1), '/usr/bin/env'], { env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' }, extendEnv: false, cwd: '/tmp' });
    expect(r.stdout.split('\n').sort(), r.stdout).toEqual(['LANG=C.UTF-8', 'PATH=/usr/bin:/bin']);
  });

  it('fails closed when /proc is missing', async () => {
    if (!findTool('bash') || !findTool('unshare')) return;
    // A mount namespace with an empty /proc: the stage must refuse, not run the program with leaks.
    const r = await execa('unshare', ['--mount', '/bin/bash', '-c', 'mount -t tmpfs none /proc && exec "$@"', 'x', ...closeFdsCommand('python3', false), '/bin/echo', 'ran'], { reject: false });
    expect(r.stdout).not.toContain('ran');
    expect(r.exitCode).toBe(125);
    expect(r.stderr).toMatch(/no \/proc\/self\/fd/);
  });
});
