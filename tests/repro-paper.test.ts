// `sale repro paper --provider sim` through the real binary: the whole protocol at a small --limit writes
// REPRODUCTION.md with its artefacts, the pilot's estimate lands within 20 % of the measured tokens, a
// run killed (SIGKILL) mid-matrix and mid-SALE resumes to the same tables with no answered model call
// made again (counted from the call journals), and --budget-usd stops with a resume command that works.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { sale, SALE_BIN } from './support/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

/** Answered calls in a run folder's journals (pilot and protocol), and keys written twice (a repeated call). */
function journals(out: string): { answered: number; repeated: number } {
  let answered = 0;
  let repeated = 0;
  for (const f of [join(out, 'pilot', 'calls.jsonl'), join(out, 'calls.jsonl')]) {
    const seen = new Set<string>();
    for (const l of lines(f)) {
      let k: string;
      try {
        k = (JSON.parse(l) as { k: string }).k;
      } catch {
        continue; // torn by the kill
      }
      if (seen.has(k)) repeated++;
      seen.add(k);
      answered++;
    }
  }
  return { answered, repeated };
}

const callsPrinted = (stdout: string) => {
  const m = /model calls: (\d+) in the pilot, (\d+) in the protocol/.exec(stdout);
  return m ? Number(m[1]) + Number(m[2]) : NaN;
};

/** A small protocol for the kill and budget runs: 2 orders, one ablation, one jury variant. */
function smallProtocol(): string {
  const dir = mkdtempSync(join(tmpdir(), 'repro-cfg-'));
  cpSync(join(ROOT, 'configs'), join(dir, 'configs'), { recursive: true });
  const saleYaml = join(dir, 'configs', 'sale.yaml');
  writeFileSync(saleYaml, readFileSync(saleYaml, 'utf8').replace(/^orders: 5$/m, 'orders: 2'));
  const protocol = readFileSync(join(ROOT, 'configs', 'paper.yaml'), 'utf8')
    .replace(/^config: configs$/m, `config: ${join(dir, 'configs')}`)
    .replace(/orders: 5/, 'orders: 2')
    .replace(/^ablations: .*$/m, 'ablations: [memory]')
    .replace(/^juries: .*$/m, 'juries: [self]')
    .replace(/^baselines: .*$/m, 'baselines: [random, oracle, wtp]');
  writeFileSync(join(dir, 'paper.yaml'), protocol);
  return join(dir, 'paper.yaml');
}

/** Start the command; SIGKILL it once `ready` holds (checked as it prints), return what it printed. */
async function killWhen(args: string[], ready: (stdout: string) => boolean): Promise<string> {
  const child = execa('node', [SALE_BIN, ...args], { reject: false, env: { FORCE_COLOR: '0' } });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const poll = setInterval(() => {
    if (ready(out)) child.kill('SIGKILL');
  }, 50);
  const r = await child;
  clearInterval(poll);
  expect(r.signal, `the run ended before the kill:\n${out}\n${String(r.stderr)}`).toBe('SIGKILL');
  return out;
}

describe('sale repro paper (sim)', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'repro-')), 'paper');

  it('runs the protocol at --limit 20 (the pilot: 15) and writes REPRODUCTION.md beside the paper\'s numbers, every line SIMULATED', async () => {
    const r = await sale(['repro', 'paper', '--provider', 'sim', '--yes', '--limit', '20', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/estimate for the whole protocol/);
    const text = readFileSync(join(out, 'REPRODUCTION.md'), 'utf8');
    for (const l of text.split('\n').filter((x) => /\w/.test(x))) expect(l).toContain('SIMULATED');
    for (const section of ['RQ1', 'Main table', 'Ablations', 'Jury variants', 'Learning curve', 'Shapley', 'Oracle gap', 'Auction overhead', 'Figures']) expect(text).toContain(`SIMULATED — ${section}`);
    // The paper's numbers beside ours: SALE coding 61.1, the peer-only jury 48.7, 32B's easiest deep-search bin 87.5.
    expect(text).toMatch(/\| sale \| \d+\.\d \[[\d.]+–[\d.]+\] \| 61\.1 \| [+-]\d+\.\d \| (yes|no) \|/);
    expect(text).toMatch(/sale-jury-peer \| [^|]+ \| 48\.7 \|/);
    expect(text).toMatch(/32b pass@1, ≤0\.1 \| [^|]+ \| 87\.5 \|/);
    for (const f of ['compare/coding/pareto.png', 'compare/deepsearch/pareto.png', 'sale/learning-curve.png', 'report.html', 'baselines/routers.csv', 'sale/sale.csv', 'sale/sale-shapley.json', 'baselines/shapley.json']) expect(existsSync(join(out, f)), f).toBe(true);
    // The pilot's estimate (from 3 tasks per bin) against the tokens the whole protocol (4 per bin) used.
    const est = JSON.parse(readFileSync(join(out, 'pilot', 'estimate.json'), 'utf8')) as { tasks: { pilot: number; full: number } };
    expect(est.tasks).toEqual({ pilot: 30, full: 40 });
    const s = JSON.parse(readFileSync(join(out, 'calls-summary.json'), 'utf8')) as { tokens: number; estimateTokens: number };
    expect(Math.abs(s.estimateTokens - s.tokens) / s.tokens).toBeLessThan(0.2);
    const upper = (JSON.parse(readFileSync(join(out, 'pilot', 'estimate.json'), 'utf8')) as { upperTokens: number }).upperTokens;
    expect(s.tokens).toBeLessThanOrEqual(upper);
  }, 600_000);

  it('a second run on the same folder skips every stage and makes no model call', async () => {
    const before = journals(out);
    const r = await sale(['repro', 'paper', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/done earlier, skipped/g)).toHaveLength(7); // 2 pilot stages + 5
    expect(callsPrinted(r.stdout)).toBe(0);
    expect(journals(out)).toEqual(before);
  }, 300_000);

  it('without --yes and without a terminal, it stops after the estimate and names --yes', async () => {
    rmSync(join(out, 'accepted.json'));
    const stored = JSON.parse(readFileSync(join(out, 'repro.json'), 'utf8')) as Record<string, unknown>;
    delete stored.yes;
    writeFileSync(join(out, 'repro.json'), JSON.stringify(stored));
    const r = await sale(['repro', 'paper', '--out', out], { input: '' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/estimate for the whole protocol/);
    expect(r.stderr).toMatch(/error: the pilot's estimate needs a go-ahead, and stdin is not a terminal\nfix: .*sale repro paper --out \S+ --yes/);
  }, 300_000);

  it('killed mid-matrix and mid-SALE, it resumes to the same tables with no answered call made again', async () => {
    const protocol = smallProtocol();
    const args = ['repro', 'paper', '--config', protocol, '--provider', 'sim', '--yes', '--limit', '15'];
    const ref = join(mkdtempSync(join(tmpdir(), 'repro-')), 'ref');
    const a = await sale([...args, '--out', ref]);
    expect(a.code, a.stderr).toBe(0);
    // The SALE stage is the ordinary command: run as printed (another --out), it gives the same tables.
    const printed = /sale: running: sale (bench run --router sale --replay \S*\/ref\/matrix .*)$/m.exec(a.stdout)![1]!.split(' ');
    const alone = join(mkdtempSync(join(tmpdir(), 'repro-')), 'alone');
    printed[printed.indexOf('--out') + 1] = alone;
    const b = await sale(printed);
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(join(alone, 'sale.csv'), 'utf8')).toBe(readFileSync(join(ref, 'sale', 'sale.csv'), 'utf8'));
    const dir = join(mkdtempSync(join(tmpdir(), 'repro-')), 'killed');
    const protocolStarted = (s: string) => s.split('protocol: ')[1] ?? '';
    await killWhen([...args, '--out', dir], (s) => protocolStarted(s).includes('matrix: running') && lines(join(dir, 'matrix', 'records.jsonl')).length >= 10);
    const second = await killWhen(['repro', 'paper', '--out', dir], (s) => protocolStarted(s).includes('sale: running') && lines(join(dir, 'calls.jsonl')).length > journals(ref).answered / 4);
    const before = journals(dir);
    const r = await sale(['repro', 'paper', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(second).toMatch(/matrix: resuming/);
    expect(r.stdout).toMatch(/matrix: done earlier, skipped/);
    const after = journals(dir);
    // Every call is answered once: the resumed run made exactly the calls not answered before it, and the
    // whole run answered as many as the uninterrupted one.
    expect(after.repeated).toBe(0);
    expect(callsPrinted(r.stdout)).toBe(after.answered - before.answered);
    expect(after.answered).toBe(journals(ref).answered);
    for (const f of ['matrix/summary.csv', 'sale/sale.csv', 'baselines/routers.csv']) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(ref, f), 'utf8'));
  }, 900_000);

  it('--budget-usd stops at the budget with a resume command, which carries on', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'repro-')), 'budget');
    const r = await sale(['repro', 'paper', '--config', smallProtocol(), '--provider', 'sim', '--yes', '--limit', '15', '--budget-usd', '0.5', '--out', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/stopped at the budget in stage matrix: budget reached: \$\d+\.\d{4} /);
    const resume = /\n {2}(sale repro paper --out \S+ --budget-usd \S+)/.exec(r.stderr)?.[1];
    expect(resume).toBeDefined();
    // Spent: the budget, plus at most the calls already in flight when it was reached (8 attempts).
    const costs = lines(join(dir, 'pilot', 'calls.jsonl')).map((l) => (JSON.parse(l) as { usd: number }).usd);
    const usd = costs.reduce((a, b) => a + b, 0);
    expect(usd).toBeGreaterThanOrEqual(0.5);
    expect(usd).toBeLessThanOrEqual(0.5 + 8 * Math.max(...costs));
    const before = journals(dir);
    // The printed command, with a budget that covers the rest.
    const argv = resume!.split(' ').slice(1);
    argv[argv.indexOf('--budget-usd') + 1] = '100';
    const again = await sale(argv);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(join(dir, 'REPRODUCTION.md'))).toBe(true);
    expect(callsPrinted(again.stdout)).toBe(journals(dir).answered - before.answered);
  }, 600_000);
});
