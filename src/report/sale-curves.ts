// SALE's learning curve (cumulative wins along the stream, with and without memory) and the calibration
// of its bids (Spearman correlation of −(C − V) with the bidder's success); see sale-tables.ts.
import { mean, saleRecords, spearman, std, type Ctx } from './sale-context.ts';

export interface CurvePoint {
  variant: string;
  domain: string;
  curve: 'with-memory' | 'without-memory';
  position: number;
  agent: string;
  share: number;
  std: number;
}

export function learningCurve(ctx: Ctx): CurvePoint[] {
  const out: CurvePoint[] = [];
  const variants = ctx.order([...new Set(ctx.auctions.map((a) => a.variant))]);
  for (const v of variants) {
    const lines = ctx.auctions.filter((a) => a.variant === v);
    for (const d of [...new Set(lines.map((l) => l.domain))].sort()) {
      const orders = [...new Set(lines.map((l) => l.order))].sort((a, b) => a - b);
      for (const curve of ['with-memory', 'without-memory'] as const) {
        // Per order: the domain's auctions in stream order, then cumulative win shares.
        const series = orders.map((o) => lines.filter((l) => l.order === o && l.domain === d).sort((a, b) => a.position - b.position).map((l) => (curve === 'with-memory' ? l.winner.agent : l.provisional)));
        const n = Math.min(...series.map((s) => s.length));
        for (const agent of ctx.agents) {
          const counts = series.map(() => 0);
          for (let p = 0; p < n; p++) {
            const shares = series.map((s, i) => {
              if (s[p] === agent) counts[i]!++;
              return counts[i]! / (p + 1);
            });
            out.push({ variant: v, domain: d, curve, position: p + 1, agent, share: mean(shares), std: std(shares) });
          }
        }
      }
    }
  }
  return out;
}

export interface CalibrationRow {
  variant: string;
  agent: string;
  bin: number | 'all';
  n: number;
  spearman: number;
  source: string;
}

export function calibration(ctx: Ctx): CalibrationRow[] {
  const out: CalibrationRow[] = [];
  // Executed outcomes by (variant, task, agent) from the records (winners only).
  const executed = new Map<string, boolean>();
  for (const { r, s } of saleRecords(ctx.records)) if (r.status !== 'infra-error') executed.set(`${s.variant}|${r.taskId}|${r.agent}`, r.passed);
  const variants = ctx.order([...new Set(ctx.auctions.map((a) => a.variant))]);
  for (const v of variants) {
    // First bids do not depend on the order: one point per (task, agent).
    const points = new Map<string, { agent: string; bin: number; score: number; outcome: boolean | undefined; source: string }>();
    for (const l of ctx.auctions.filter((a) => a.variant === v)) {
      for (const b of l.bids) {
        const key = `${l.taskId}|${b.agent}`;
        const single = ctx.single(l.taskId, b.agent);
        const outcome = single ? single.passed : executed.get(`${v}|${l.taskId}|${b.agent}`);
        const prev = points.get(key);
        if (!prev || (prev.outcome === undefined && outcome !== undefined)) points.set(key, { agent: b.agent, bin: l.bin, score: -b.z, outcome, source: single ? 'matrix' : 'executed' });
      }
    }
    const all = [...points.values()].filter((p) => p.outcome !== undefined);
    for (const agent of ctx.agents) {
      for (const bin of ['all', 0, 1, 2, 3, 4] as const) {
        const pts = all.filter((p) => p.agent === agent && (bin === 'all' || p.bin === bin));
        if (!pts.length) continue;
        const sources = [...new Set(pts.map((p) => p.source))].join('+');
        out.push({ variant: v, agent, bin, n: pts.length, spearman: spearman(pts.map((p) => p.score), pts.map((p) => (p.outcome ? 1 : 0))), source: sources });
      }
    }
  }
  return out;
}

