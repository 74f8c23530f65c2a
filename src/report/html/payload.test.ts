import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rec, run as makeRun } from '../compare/test-fixtures.ts';
import { buildPayload, CHUNK_SIZE } from './payload.ts';
import { renderPage } from './page.ts';
import { readRun, type AuctionLine } from './read-run.ts';

const decode = (b64: string) => JSON.parse(gunzipSync(Buffer.from(b64, 'base64')).toString('utf8')) as unknown;

const records = Array.from({ length: 60 }, (_, i) => i).flatMap((i) => [
  rec({ system: 'agent:4b', taskId: `t${i}`, passed: i % 3 === 0, costUsd: 1, bin: i % 5 }),
  rec({ system: 'agent:32b', taskId: `t${i}`, passed: i % 2 === 0, costUsd: 4, bin: i % 5 }),
  rec({ system: 'sale@o1', agent: '4b', taskId: `t${i}`, passed: i % 3 === 0, costUsd: 2, bin: i % 5, messages: [{ role: 'user', content: `<script>alert(${i})</script>` }] }),
]);

const auction = (taskId: string) =>
  ({ v: 1, type: 'auction', system: 'sale@o1', variant: 'sale', order: 1, position: 0, taskId, gamma: { '4b': { '4b': 3, '32b': null } }, bids: [], refinements: [], retrieved: [], provisional: '4b', winner: { agent: '4b', refined: false } }) as unknown as AuctionLine;

function runDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sale-report-payload-'));
  const run = makeRun('r1', records);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(run.manifest));
  writeFileSync(join(dir, 'records.jsonl'), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  writeFileSync(join(dir, 'auctions.jsonl'), `${['t1', 't2'].map((t) => JSON.stringify(auction(t))).join('\n')}\n`);
  return dir;
}

describe('bench report payload', () => {
  const run = readRun(runDir());
  const { payload, chunks } = buildPayload([run], { reps: 20, seed: 0 });

  it('attaches each auction to its SALE record only', () => {
    expect(run.auctions).toBe(2);
    const withAuction = run.records.filter((r) => r.auction).map((r) => r.key);
    expect(withAuction.sort()).toEqual(['sale@o1|t1', 'sale@o1|t2']);
    expect(payload.attempts.filter((a) => a.sale).map((a) => a.taskId).sort()).toEqual(['t1', 't2']);
  });

  it('indexes every attempt and puts its details in the chunk and position the index names', () => {
    expect(payload.attempts).toHaveLength(180);
    expect(chunks).toHaveLength(Math.ceil(180 / CHUNK_SIZE));
    const decoded = chunks.map((c) => decode(c) as { key: string; auction: unknown; messages: unknown[] }[]);
    for (const a of payload.attempts) {
      const d = decoded[a.chunk]![a.pos]!;
      expect(d.key).toBe(`${a.system}|${a.taskId}`);
      expect(Boolean(d.auction)).toBe(a.sale);
    }
    // The light part carries no conversation.
    expect(JSON.stringify(payload)).not.toContain('alert(');
  });

  it('summarises every system per domain and builds the five plots per domain', () => {
    expect(payload.summary.map((s) => s.domain)).toEqual(['coding']);
    expect(payload.summary[0]!.rows.map((r) => r.system).slice(0, 3)).toEqual(['agent:4b', 'agent:32b', 'sale@o1']);
    expect(payload.summary[0]!.rows[0]).toMatchObject({ tasks: 60, pass1: 20 / 60, costPerTask: 1 });
    expect(payload.plots.map((p) => p.name)).toEqual(['pareto', 'share', 'bins', 'workload', 'horizon']);
    expect(payload.label).toBe('SIMULATED');
  });

  it('the page embeds data only as base64 and keeps model text out of the markup', () => {
    const html = renderPage('SIMULATED — <b>x</b>', 'AAAA', chunks);
    expect(html).toContain('<title>SIMULATED — &lt;b&gt;x&lt;/b&gt;</title>');
    expect(html).not.toContain('<script>alert(');
    expect(html.match(/<script type="application\/octet-stream" id="chunk-\d+">/g)).toHaveLength(chunks.length);
    // Inlined libraries cannot end their script element early.
    const scripts = html.split('<script').length - 1;
    expect(html.split('</script>').length - 1).toBe(scripts);
  });
});
