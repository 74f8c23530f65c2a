// The sandbox as an unprivileged user. CI runs as root, so the non-root branches (bwrap and unshare
// in a user namespace, rlimit as our own user) would go untested: here root drops to `nobody` with
// setpriv and runs a harness (__fixtures__/non-root-probe.ts) whose program probes each level.
import { chownSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { asNobody, NOBODY } from '../../tests/support/as-nobody.ts';
import { ISOLATION_LEVELS } from './detect.ts';

const fixture = fileURLToPath(new URL('./__fixtures__/non-root-probe.ts', import.meta.url));
const nobody = await asNobody();
const { skip, home } = nobody;
afterAll(() => nobody.cleanup());

interface Seen {
  works: boolean;
  why?: string;
  policy?: string;
  status?: string;
  stderr?: string;
  probe?: { uid: number; capEff: string; remount_rw: boolean; secret: string | null; signal_harness: boolean; nics: string[]; forks: number } | null;
}

async function probe(level: string): Promise<Seen> {
  const secret = path.join(home, `secret-${level}.txt`);
  writeFileSync(secret, 'hidden tests of the harness user');
  chownSync(secret, NOBODY, NOBODY);
  const r = await nobody.runTs(fixture, [level, secret]);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  expect(line.startsWith('{'), `${r.stdout}\n${r.stderr}`).toBe(true);
  return JSON.parse(line) as Seen;
}

describe.skipIf(skip !== null)(`the sandbox as an unprivileged user${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it.each(ISOLATION_LEVELS.filter((l) => l !== 'rlimit'))('%s: a user namespace with no capabilities left, nothing of ours readable, no network, own processes only', async (level) => {
    const seen = await probe(level);
    if (!seen.works) {
      // Only the kernel may refuse: unprivileged user namespaces turned off.
      expect(seen.why).toMatch(/namespace|Operation not permitted|setting up uid map|No space left|clone/i);
      console.warn(`non-root ${level} does not work here (${seen.why}); skipped`);
      return;
    }
    expect(seen.policy).toBe('allowed');
    expect(seen.status, seen.stderr).toBe('ok');
    expect(seen.probe).toMatchObject({ capEff: '0000000000000000', remount_rw: false, secret: null, signal_harness: false, nics: ['lo'] });
    expect(seen.probe!.forks).toBeLessThan(64); // RLIMIT_NPROC: our processes plus 16
  }, 90_000);

  it('rlimit: refused for model-written code (it cannot keep our files or our processes from the program), and that is true', async () => {
    const seen = await probe('rlimit');
    expect(seen.works).toBe(true);
    expect(seen.policy).toMatch(/^refused: .*signalling, ptracing and writing the files of the harness itself/);
    expect(seen.status, seen.stderr).toBe('ok');
    // What --unsafe then accepts: the program runs as our user, reads our files and can signal us.
    expect(seen.probe).toMatchObject({ uid: NOBODY, capEff: '0000000000000000', remount_rw: false, secret: 'hidden tests of the harness user', signal_harness: true });
    expect(seen.probe!.forks).toBeLessThan(64);
  }, 90_000);
});
