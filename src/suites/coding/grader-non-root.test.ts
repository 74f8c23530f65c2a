// Grading as an unprivileged user (CI runs as root; root drops to nobody here): every attack round of
// __fixtures__/attacks.ts fails on every fixture function task under bwrap and unshare (user
// namespaces), and the references pass. Not root, rlimit runs the program as our own user: the
// attack that reads /proc/PARENT/fd/* opened the harness's pipes and hung the grading (it could as
// well read the tests or write a verdict), so rlimit is refused for model-written code and says why.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { asNobody, NOBODY } from '../../../tests/support/as-nobody.ts';
import { ISOLATION_LEVELS } from '../../sandbox/detect.ts';

const fixture = fileURLToPath(new URL('./__fixtures__/grade-as-probe.ts', import.meta.url));
const nobody = await asNobody();
afterAll(() => nobody.cleanup());

describe.skipIf(nobody.skip !== null)(`grading as an unprivileged user${nobody.skip ? ` (skipped: ${nobody.skip})` : ''}`, () => {
  it.each(ISOLATION_LEVELS.filter((l) => l !== 'rlimit'))('%s: no attack passes, the references do', async (level) => {
    const r = await nobody.runTs(fixture, [level]);
    const line = r.stdout.trim().split('\n').pop() ?? '';
    expect(line.startsWith('{'), `${r.stdout}\n${r.stderr}`).toBe(true);
    const seen = JSON.parse(line) as { works: boolean; why?: string; uid?: number; tasks?: number; graded?: number; passedAttacks?: string[]; failedReferences?: string[] };
    if (!seen.works) {
      // Only the kernel may refuse a level to an unprivileged user: user namespaces turned off.
      expect(level).not.toBe('rlimit');
      expect(seen.why).toMatch(/namespace|Operation not permitted|uid map|clone/i);
      console.warn(`non-root ${level} does not work here (${seen.why}); skipped`);
      return;
    }
    expect(seen.uid).toBe(NOBODY);
    expect(seen.tasks).toBeGreaterThan(2);
    expect(seen.graded).toBe(seen.tasks! * 7);
    expect(seen.passedAttacks).toEqual([]);
    expect(seen.failedReferences).toEqual([]);
  }, 120_000);

  it('rlimit: refused for model-written code, naming the forged grading (the program, as our user, can open the harness pipes)', async () => {
    const r = await nobody.runTs(fixture, ['rlimit']);
    const seen = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { uid?: number; refused?: string | null };
    expect(seen.uid).toBe(NOBODY);
    expect(seen.refused).toMatch(/forging the grading/);
  }, 60_000);
});
