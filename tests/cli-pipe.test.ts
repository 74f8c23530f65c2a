// A reader that closes the pipe early (`sale datasets list | head -1`) is not an error of the command:
// no `error: EPIPE`, exit 0, and the command still finishes its work.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SALE_BIN } from './support/cli.ts';

describe('sale CLI with a closed stdout', () => {
  it('exits 0 without an error when the reader closes the pipe after the first line', async () => {
    const child = spawn(process.execPath, [SALE_BIN, 'datasets', 'list'], { env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close our end, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|error:/);
    expect(code).toBe(0);
  }, 60_000);
});
