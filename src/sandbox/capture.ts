// Output capture of a sandboxed program: the first bytes up to a cap, cut on a UTF-8 boundary.

/** Keeps the first `cap` bytes of a stream and counts the rest. */
export class Capture {
  private readonly chunks: Buffer[] = [];
  kept = 0;
  seen = 0;
  constructor(private readonly cap: number) {}
  push(chunk: Buffer): void {
    this.seen += chunk.length;
    if (this.kept < this.cap) {
      const part = chunk.length <= this.cap - this.kept ? chunk : chunk.subarray(0, this.cap - this.kept);
      this.chunks.push(part);
      this.kept += part.length;
    }
  }
  get truncated(): boolean {
    return this.seen > this.kept;
  }
  text(): string {
    let buf = Buffer.concat(this.chunks);
    if (this.truncated) buf = buf.subarray(0, utf8Boundary(buf));
    return buf.toString('utf8');
  }
}

/** Length of `buf` without a UTF-8 sequence cut at its end. */
export function utf8Boundary(buf: Buffer): number {
  let i = buf.length;
  let back = 0;
  while (i > 0 && back < 4 && (buf[i - 1]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i === 0) return buf.length;
  const lead = buf[i - 1]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need === back + 1 || need === 1 ? buf.length : i - 1;
}
