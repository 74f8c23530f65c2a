// Run the `sale` CLI inside the test process (no child start-up cost): exit code and captured output.
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

export async function saleInProcess(args: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await main(['node', 'sale', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout: stripAnsi(out.join('')), stderr: stripAnsi(err.join('')) };
  } finally {
    process.exitCode = before;
    o.mockRestore();
    e.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
