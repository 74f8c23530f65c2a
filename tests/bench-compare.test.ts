// `sale bench compare` and `sale bench check` end to end, on a real small simulated run.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sale } from './support/cli.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'sale-compare-'));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PLOTS = ['pareto', 'share', 'bins', 'workload', 'horizon'];

/** A copy of a run directory with its records or manifest rewritten. */
function variant(src: string, edit: { record?: (r: Record<string, unknown>) => Record<string, unknown>; manifest?: (m: Record<string, any>) => void }): string {
  const dir = join(tmp(), 'variant');
  cpSync(src, dir, { recursive: true });
  if (edit.record) {
    const file = join(dir, 'records.jsonl');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    writeFileSync(file, `${lines.map((l) => JSON.stringify(edit.record!(JSON.parse(l) as Record<string, unknown>))).join('\n')}\n`);
  }
  if (edit.manifest) {
    const file = join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
    edit.manifest(m);
    writeFileSync(file, JSON.stringify(m, null, 2));
  }
  return dir;
}

describe('sale bench compare / check on a simulated run', () => {
  let runDir: string;
  beforeAll(async () => {
    runDir = join(tmp(), 'run');
    const r = await sale(['bench', 'run', '--suite', 'coding', '--provider', 'sim', '--limit', '12', '--seed', '0', '--out', runDir]);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it('both commands have --help with an example', async () => {
    for (const cmd of ['compare', 'check']) {
      const r = await sale(['bench', cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Example/);
    }
  });

  it('compare writes five SVG + PNG plots per domain, report.md, horizons.csv; PNGs are real images', async () => {
    const out = join(tmp(), 'cmp');
    const r = await sale(['bench', 'compare', runDir, '--out', out, '--bootstrap', '200']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SIMULATED/);
    const files = readdirSync(join(out, 'coding'));
    for (const name of PLOTS) {
      expect(files).toContain(`${name}.svg`);
      expect(files).toContain(`${name}.png`);
      const svg = readFileSync(join(out, 'coding', `${name}.svg`), 'utf8');
      expect(svg).toMatch(/^<svg/);
      expect(svg, name).toContain('SIMULATED — coding');
      const png = readFileSync(join(out, 'coding', `${name}.png`));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), name).toBe(true);
      expect(png.readUInt32BE(16), `${name} width`).toBeGreaterThan(600);
      expect(png.readUInt32BE(20), `${name} height`).toBeGreaterThan(300);
      expect(statSync(join(out, 'coding', `${name}.png`)).size, name).toBeGreaterThan(20_000);
    }
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/^# SIMULATED — sale bench compare/);
    for (const heading of ['### Systems, all bins', '### pass@1 % by τ bin', '### Paired differences vs 32b alone', '### Time horizons']) expect(report).toContain(heading);
    expect(report).toMatch(/\| oracle \| oracle \|/);
    expect(report).toMatch(/zero router\) score \*\*0\.\d{3}\*\*/);
    expect(report).toContain('![Cost vs pass@1 (Pareto frontier)](coding/pareto.png)');
    const csv = readFileSync(join(out, 'horizons.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^label,domain,system,kind,n,/);
    expect(csv.slice(1).map((l) => l.split(',')[2])).toEqual(['agent:4b', 'agent:8b', 'agent:14b', 'agent:32b', 'oracle']);
    expect(csv[1]).toMatch(/^SIMULATED,coding,agent:4b,agent,12,/);
  });

  it('compare refuses runs whose fingerprints differ, naming the field, unless --allow-mismatch', async () => {
    const other = variant(runDir, { manifest: (m) => (m.fingerprint.seeds = [99]) });
    const refused = await sale(['bench', 'compare', runDir, other, '--out', join(tmp(), 'x')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/fingerprints differ in seeds/);
    const out = join(tmp(), 'allowed');
    const allowed = await sale(['bench', 'compare', runDir, other, '--allow-mismatch', '--bootstrap', '50', '--out', out]);
    expect(allowed.code, allowed.stderr).toBe(0);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/Fingerprint mismatch accepted/);
    expect(report).toMatch(/`seeds`/);
    // The second run's copies of the same systems stay visible under a suffix.
    expect(report).toMatch(/agent:4b@run#2/);
  });

  it('compare merges a routers run of the same experiment: router rows get AIQ, APGR and a workload panel', async () => {
    // A second run of the same fingerprint holding only a router (a 4b → 32b cascade built from the agents' records).
    const routers = variant(runDir, { manifest: (m) => (m.runId = 'routers') });
    const recs = readFileSync(join(runDir, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
    const of = (system: string, taskId: string) => recs.find((r) => r.system === system && r.taskId === taskId)!;
    const cascade = [...new Set(recs.map((r) => r.taskId as string))].map((t) => {
      const small = of('agent:4b', t);
      const pick = small.passed ? small : { ...of('agent:32b', t), costUsd: small.costUsd + of('agent:32b', t).costUsd };
      return { ...pick, system: 'router:cascade', key: `router:cascade|${t}` };
    });
    writeFileSync(join(routers, 'records.jsonl'), `${cascade.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const out = join(tmp(), 'merged');
    const r = await sale(['bench', 'compare', runDir, routers, '--bootstrap', '50', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/\| router:cascade \| router \| 12 \| 0 \| [\d.]+ \([\d.]+–[\d.]+\) \| [^|]+\| [\d.]+ \| [\d.]+ \| 0\.\d{3} \| (-?\d\.\d{3}|—) \|/);
    expect(readFileSync(join(out, 'coding', 'workload.svg'), 'utf8')).toMatch(/>cascade<\/text>/); // panels drop the `router:` prefix (the shape and colour say router)
  });

  it('check: a run against itself exits 0 and writes the Markdown summary', async () => {
    const summary = join(tmp(), 'summary.md');
    const r = await sale(['bench', 'check', '--baseline', runDir, '--candidate', runDir, '--summary', summary]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✅ no regression/);
    // The summary (for a pull-request comment) is short: verdict first, then one line per non-ok system.
    const text = readFileSync(summary, 'utf8');
    expect(text.split('\n')[0]).toMatch(/✅ no regression/);
    expect(text).toMatch(/✅ \d+ of \d+ systems unchanged within the gate/);
    expect(text.split('\n').length).toBeLessThan(r.stdout.split('\n').length);
  });

  it('check: passes flipped to fails in the candidate exit 1, naming the system', async () => {
    const worse = variant(runDir, { record: (r) => (r.system === 'agent:32b' && r.passed ? { ...r, passed: false, status: 'failed' } : r) });
    const r = await sale(['bench', 'check', '--baseline', runDir, '--candidate', worse]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/❌ regression/);
    expect(r.stderr).toMatch(/regression beyond the thresholds in agent:32b/);
    const json = await sale(['bench', 'check', '--baseline', runDir, '--candidate', worse, '--json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { verdict: string; systems: { system: string; status: string }[] };
    expect(parsed.verdict).toBe('fail');
    // 32B fails, and so may the pooled row of every agent (32B's flips are in it); nothing else.
    const failing = parsed.systems.filter((s) => s.status === 'fail').map((s) => s.system);
    expect(failing).toContain('agent:32b');
    expect(failing.filter((s) => s !== 'agent:32b' && s !== 'agents (pooled)')).toEqual([]);
  });

  it('check: a fingerprint mismatch exits 2, naming the field', async () => {
    const other = variant(runDir, { manifest: (m) => (m.fingerprint.dataset = '0'.repeat(64)) });
    const summary = join(tmp(), 'summary.md');
    const r = await sale(['bench', 'check', '--baseline', runDir, '--candidate', other, '--summary', summary]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fingerprints differ in dataset/);
    expect(readFileSync(summary, 'utf8')).toMatch(/\*\*dataset\*\*/);
  });

  it('check: a bad threshold is a usage error (exit 2) before anything is read', async () => {
    const r = await sale(['bench', 'check', '--baseline', runDir, '--candidate', runDir, '--max-drop', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-drop: 'lots' is not a number/);
    expect(existsSync(runDir)).toBe(true);
  });
});
