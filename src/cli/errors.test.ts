import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../errors.ts';
import { reportError } from './errors.ts';

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

function report(e: unknown, env: Record<string, string> = {}) {
  const out: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  const saved = process.env.SALE_DEBUG;
  if (env.SALE_DEBUG) process.env.SALE_DEBUG = env.SALE_DEBUG;
  else delete process.env.SALE_DEBUG;
  try {
    const code = reportError(e);
    return { code, lines: plain(out.join('')).split('\n').filter(Boolean) };
  } finally {
    spy.mockRestore();
    if (saved === undefined) delete process.env.SALE_DEBUG;
    else process.env.SALE_DEBUG = saved;
  }
}

describe('reportError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an operating-system error is one line naming the path and the code, then the fix; exit 2', () => {
    const e = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: 'ENOSPC', syscall: 'write', path: '/runs/r/records.jsonl' });
    const r = report(e);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual(['error: /runs/r/records.jsonl: no space left on the device (write, ENOSPC)', expect.stringMatching(/^fix: free disk space.*--resume/)]);
  });

  it('a bug is one line and a hint, the stack only with SALE_DEBUG=1', () => {
    const r = report(new TypeError("Cannot read properties of undefined (reading 'x')\nmore"));
    expect(r.code).toBe(1);
    expect(r.lines).toEqual(["internal error: TypeError: Cannot read properties of undefined (reading 'x')", expect.stringMatching(/^fix: .*SALE_DEBUG=1/)]);
    expect(report(new Error('boom'), { SALE_DEBUG: '1' }).lines.some((l) => /^\s+at /.test(l))).toBe(true);
  });

  it('a typed error keeps its message and fix; ConfigError exits 2', () => {
    expect(report(new ConfigError(['--x: bad'], { fix: 'do y' }))).toEqual({ code: 2, lines: ['error: --x: bad', 'fix: do y'] });
  });
});
