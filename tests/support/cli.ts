// Run the real `sale` binary in a child process.
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { execa, type Options } from 'execa';

export const SALE_BIN = fileURLToPath(new URL('../../bin/sale.js', import.meta.url));

export async function sale(args: string[], options: Options = {}) {
  const started = Date.now();
  const r = await execa('node', [SALE_BIN, ...args], { reject: false, all: true, env: { FORCE_COLOR: '0', ...(options.env ?? {}) }, ...options });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), ms: Date.now() - started };
}

/** A loopback port where nothing listens. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
