// The gate's injected regressions at the golden size (tests/gate-selftest.test.ts runs all six on its own
// smaller experiment; scripts/gate-selftest-power.ts measures how reliably that one catches them): each
// injection is applied to a copy of the code, the golden experiment is made there (replay-stage
// injections reuse the baseline's outcome matrix), and `sale bench check` runs against the baseline.
// Prints each injection's exit code (1 = caught).
//
//   node --import tsx scripts/gate-selftest.ts BASE_RUN [NAME_SUBSTRING]   (outcome matrix at BASE_RUN.matrix)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { copyOfCode, INJECTIONS } from '../tests/support/gate-injections.ts';

async function main() {
  const [base, filter] = process.argv.slice(2);
  if (!base) throw new Error('usage: gate-selftest.ts BASE_RUN [NAME_SUBSTRING]');
  const root = resolve(import.meta.dirname, '..');
  const tmp = mkdtempSync(join(tmpdir(), 'sale-gate-golden-'));
  for (const inj of INJECTIONS.filter((i) => !filter || i.name.includes(filter))) {
    const code = copyOfCode(tmp, inj);
    const out = join(tmp, `cand-${inj.name.replace(/[^a-z0-9]+/gi, '-')}`);
    const step =
      inj.stage === 'replay'
        ? `node bin/sale.js "\${GOLDEN_ROUTER_ARGS[@]}" --replay '${resolve(base)}.matrix' --out '${out}' > '${out}.log' 2>&1`
        : `golden_run '${out}'`;
    const made = await execa('bash', ['-c', `source '${root}/scripts/golden-config.sh'; cd '${code}'; ${step}`], { reject: false, all: true });
    if (made.exitCode !== 0) throw new Error(`${inj.name}: ${String(made.all)}`);
    const r = await execa('node', [join(root, 'bin', 'sale.js'), 'bench', 'check', '--baseline', resolve(base), '--candidate', out, '--summary', `${out}.summary.md`], { reject: false });
    const failing = String(r.stdout).split('\n').filter((l) => l.includes('❌')).length;
    process.stdout.write(`${r.exitCode === 1 ? 'caught' : 'MISSED'} (exit ${r.exitCode}): ${inj.name}; ${failing} failing row(s); summary ${out}.summary.md\n`);
  }
}
void main();
