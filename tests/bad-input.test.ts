// Every bad input of issue 11 item 4: one line naming the file, line or flag (and a fix line), a non-zero
// exit, no stack trace, and nothing written to the run folder. Runs the CLI in-process (fast).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_DIR } from '../src/config/load.ts';
import { saleInProcess } from './support/in-process.ts';

const MINI = fileURLToPath(new URL('./fixtures/mini-coding.jsonl', import.meta.url));
const DEEP = fileURLToPath(new URL('./fixtures/deepsearch/tasks/ds-mini.jsonl', import.meta.url));
const LINES = readFileSync(MINI, 'utf8').split('\n').filter(Boolean);
const tmp = () => mkdtempSync(join(tmpdir(), 'sale-bad-'));
const SIM = ['bench', 'run', '--provider', 'sim', '--agents', '4b', '--limit', '2'];

/** Exit 2, `error: <what>` then at most a `fix:` line, no stack trace. */
function refused(r: { code: number; stderr: string }, what: RegExp) {
  const lines = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('SIMULATED') && !l.startsWith('warning:'));
  expect(r.code, r.stderr).toBe(2);
  expect(lines[0], r.stderr).toMatch(/^error: /);
  expect(lines[0], r.stderr).toMatch(what);
  expect(lines.slice(1).every((l) => l.startsWith('fix: ')), r.stderr).toBe(true);
  expect(lines.length, r.stderr).toBeLessThanOrEqual(2);
  expect(r.stderr).not.toMatch(/^\s+at /m);
}

/** A listing of a folder with sizes and modification times, to show nothing was written. */
const snapshot = (dir: string) => readdirSync(dir).sort().map((f) => `${f}:${statSync(join(dir, f)).size}:${statSync(join(dir, f)).mtimeMs}`);

function taskFile(dir: string, name: string, lines: string[] | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, Array.isArray(lines) ? `${lines.join('\n')}\n` : lines);
  return f;
}
const taskWith = (over: (t: Record<string, any>) => void) => {
  const t = JSON.parse(LINES[1]!) as Record<string, any>;
  over(t);
  return JSON.stringify(t);
};

describe('bad input on `sale bench run`: one line, non-zero exit, nothing run or written', () => {
  let out: string;
  let dir: string;
  beforeAll(() => {
    dir = tmp();
    out = join(dir, 'run');
  });
  const noRun = () => expect(existsSync(out)).toBe(false);

  it.each([
    ['--tasks /dev/null', ['--tasks', '/dev/null'], /--tasks \/dev\/null: .*virtual file system \(dev\)/],
    ['--tasks /proc/x', ['--tasks', '/proc/x'], /--tasks \/proc\/x: no such file/],
    ['--tasks /proc/kmsg', ['--tasks', '/proc/self/status'], /virtual file system \(proc\)/],
    ["--tasks ''", ['--tasks', ''], /--tasks: empty value/],
    ["--out ''", ['--out', ''], /--out: empty value/],
    ["--config ''", ['--config', ''], /--config: empty value/],
    ['--out /proc/x', ['--out', '/proc/x'], /--out \/proc\/x: on the virtual file system proc/],
    ['--isolation docker', ['--isolation', 'docker'], /--isolation: unknown level 'docker'; valid levels: bwrap, unshare, rlimit/],
    ["--agents ''", ['--agents', ''], /--agents: empty value/],
    ['--agents ,', ['--agents', ','], /--agents: ',' names no agent/],
    ['--agents 4b,4b', ['--agents', '4b,4b'], /--agents: agent '4b' is named twice/],
    ['--host http://[bad', ['--host', 'http://[bad'], /--host: 'http:\/\/\[bad' is not an Ollama host/],
    ['--host with a path', ['--host', 'http://h:1/api'], /--host: .* takes no path/],
    ['--host ftp://x', ['--host', 'ftp://x'], /only http/],
  ])('%s', async (_name, args, what) => {
    refused(await saleInProcess([...SIM, ...args, ...(args.includes('--out') ? [] : ['--out', out])]), what);
    noRun();
  });

  it('a bad OLLAMA_HOST, also with --provider sim', async () => {
    refused(await saleInProcess([...SIM, '--tasks', MINI, '--out', out], { OLLAMA_HOST: 'http://exa mple:1' }), /OLLAMA_HOST: 'http:\/\/exa mple:1' is not an Ollama host/);
    refused(await saleInProcess([...SIM, '--tasks', MINI, '--out', out], { OLLAMA_HOST: 'localhost:99999' }), /OLLAMA_HOST: .*not a valid URL/);
    noRun();
  });

  it('a symbolic link loop, as the path and inside a folder', async () => {
    const d = tmp();
    symlinkSync(join(d, 'loop'), join(d, 'loop'));
    refused(await saleInProcess([...SIM, '--tasks', join(d, 'loop'), '--out', out]), /loop: symbolic link loop/);
    const folder = join(d, 'tasks');
    mkdirSync(folder);
    taskFile(folder, 'a.jsonl', [LINES[0]!]);
    symlinkSync(folder, join(folder, 'again')); // a folder that contains itself: walked once
    symlinkSync(join(folder, 'x'), join(folder, 'x'));
    refused(await saleInProcess([...SIM, '--tasks', folder, '--out', out]), /tasks\/x: symbolic link loop/);
    noRun();
  });

  it('--out pointing at a file, or below one', async () => {
    const f = taskFile(tmp(), 'afile', [LINES[0]!]);
    refused(await saleInProcess([...SIM, '--tasks', MINI, '--out', f]), /--out .*afile: is a file, not a folder/);
    refused(await saleInProcess([...SIM, '--tasks', MINI, '--out', join(f, 'run')]), /--out .*afile\/run: .*(not a folder|ENOTDIR)/);
    expect(readFileSync(f, 'utf8')).toBe(`${LINES[0]}\n`);
  });

  it('a YAML alias bomb in the configuration', async () => {
    const cfg = tmp();
    cpSync(DEFAULT_CONFIG_DIR, cfg, { recursive: true });
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, c] of 'bcdefghi'.split('').entries()) levels.push(`${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`);
    writeFileSync(join(cfg, 'sim.yaml'), `${readFileSync(join(cfg, 'sim.yaml'), 'utf8')}\nbomb:\n${levels.map((l) => `  ${l}`).join('\n')}\n`);
    refused(await saleInProcess([...SIM, '--config', cfg, '--tasks', MINI, '--out', out]), /sim\.yaml: YAML aliases expand too far/);
    noRun();
  });

  it.each([
    ['a whitespace-only prompt', () => taskWith((t) => (t.prompt = ' \n\t ')), /:2 \(task mini\/fn-1\): prompt: the prompt must not be empty or whitespace only/],
    ['an empty test', () => taskWith((t) => (t.payload.tests = ['assert add(1, 2) == 3', '   '])), /:2 \(task mini\/fn-1\): payload\.tests\.1: a test must not be empty/],
    ['a payload kind that does not match its domain', () => taskWith((t) => (t.payload = { kind: 'qa', answer: 'x', aliases: [], evidence: ['d1'] })), /:2 \(task mini\/fn-1\): payload\.kind: a coding task needs a function or multiple_choice payload, not 'qa'/],
  ])('%s', async (_name, line, what) => {
    const f = taskFile(tmp(), 'bad.jsonl', [LINES[0]!, line()]);
    refused(await saleInProcess([...SIM, '--tasks', f, '--out', out]), what);
    noRun();
  });

  it('a deep-search task among coding tasks', async () => {
    const qa = readFileSync(DEEP, 'utf8').split('\n')[0]!;
    const f = taskFile(tmp(), 'mixed.jsonl', [LINES[0]!, qa]);
    refused(await saleInProcess([...SIM, '--tasks', f, '--out', out]), /mixed\.jsonl:2 \(task .*\): a deepsearch task, but suite 'coding' runs coding tasks/);
    noRun();
  });

  it('a task file that is not UTF-8 (Latin-1, UTF-16) is named with its line', async () => {
    const d = tmp();
    const latin1 = Buffer.concat([Buffer.from(`${LINES[0]}\n`), Buffer.from(taskWith((t) => (t.prompt = 'Caf\u00e9')), 'latin1'), Buffer.from('\n')]);
    refused(await saleInProcess([...SIM, '--tasks', taskFile(d, 'latin1.jsonl', latin1), '--out', out]), /latin1\.jsonl:2: bytes that are not UTF-8/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${LINES[0]}\n`, 'utf16le')]);
    refused(await saleInProcess([...SIM, '--tasks', taskFile(d, 'utf16.jsonl', utf16), '--out', out]), /utf16\.jsonl: the task file is UTF-16/);
    noRun();
  });
});

describe('bad run folders on `--resume`: refused, the folder left as it was', () => {
  let good: string;
  beforeAll(async () => {
    good = join(tmp(), 'good');
    const r = await saleInProcess([...SIM, '--tasks', MINI, '--out', good]);
    expect(r.code, r.stderr).toBe(0);
  }, 60_000);
  const copy = () => {
    const d = join(tmp(), 'run');
    cpSync(good, d, { recursive: true });
    return d;
  };

  it('a torn manifest.json', async () => {
    const d = copy();
    const m = readFileSync(join(d, 'manifest.json'), 'utf8');
    writeFileSync(join(d, 'manifest.json'), m.slice(0, m.length / 2));
    const before = snapshot(d);
    refused(await saleInProcess(['bench', 'run', '--resume', d]), /manifest\.json: torn or not JSON/);
    expect(snapshot(d)).toEqual(before);
  });

  it('a record without a key', async () => {
    const d = copy();
    writeFileSync(join(d, 'records.jsonl'), `${readFileSync(join(d, 'records.jsonl'), 'utf8')}{"v":1,"type":"attempt","system":"agent:4b"}\n`);
    const before = snapshot(d);
    refused(await saleInProcess(['bench', 'run', '--resume', d]), /records\.jsonl:3: corrupt record \(no 'key'\)/);
    expect(snapshot(d)).toEqual(before);
  });

  it('a folder that is not a run, or does not exist', async () => {
    refused(await saleInProcess(['bench', 'run', '--resume', tmp()]), /not a sale run directory/);
    refused(await saleInProcess(['bench', 'run', '--resume', join(tmp(), 'nope')]), /--resume .*nope: no such run folder/);
  });

  it('--out on a folder that already holds a run', async () => {
    const d = copy();
    const before = snapshot(d);
    refused(await saleInProcess([...SIM, '--tasks', MINI, '--out', d]), /--out .* already holds a run/);
    expect(snapshot(d)).toEqual(before);
  });
});
