// Deep-search answer quality of a run, beside pass@1: exact match, token F1, evidence recall and, when a
// judge was used, the judge's pass rate and its agreement with the grading rules (answer-rules.ts). Pure: records in, rows out.
import type { AttemptRecord } from '../../records/records.ts';
import { BIN_LABELS } from '../../tasks/bins.ts';

export interface AnswerQualityRow {
  system: string;
  bin: number | 'all';
  /** Graded attempts (infrastructure errors excluded). */
  graded: number;
  pass1: number;
  exactMatch: number;
  meanF1: number;
  /** Mean share of gold evidence documents opened (over attempts whose trace was graded). */
  evidenceRecall: number | null;
  /** Attempts with a judge verdict. */
  judged: number;
  judgePass: number | null;
  /** Share of judged attempts where the judge's verdict equals the rules' (exact match in records that predate the rules). */
  judgeAgreement: number | null;
}

interface Details {
  exactMatch?: boolean;
  /** The rule that accepted the answer, null when none did (absent in records that predate the rules). */
  rule?: string | null;
  evidenceRecall?: number | null;
  judge?: { match: boolean | null };
}

const byRules = (d: Details) => (d.rule === undefined ? Boolean(d.exactMatch) : d.rule !== null);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

function row(system: string, bin: number | 'all', records: AttemptRecord[]): AnswerQualityRow {
  const graded = records.filter((r) => r.status !== 'infra-error' && r.grade);
  const details = graded.map((r) => (r.grade!.details ?? {}) as Details);
  const recalls = details.map((d) => d.evidenceRecall).filter((x): x is number => typeof x === 'number');
  const judged = details.filter((d) => d.judge && typeof d.judge.match === 'boolean');
  return {
    system,
    bin,
    graded: graded.length,
    pass1: mean(graded.map((r) => (r.passed ? 1 : 0))),
    exactMatch: mean(details.map((d) => (d.exactMatch ? 1 : 0))),
    meanF1: mean(graded.map((r) => r.grade!.score)),
    evidenceRecall: recalls.length ? mean(recalls) : null,
    judged: judged.length,
    judgePass: judged.length ? mean(judged.map((d) => (d.judge!.match ? 1 : 0))) : null,
    judgeAgreement: judged.length ? mean(judged.map((d) => (d.judge!.match === byRules(d) ? 1 : 0))) : null,
  };
}

/** One row per system × (each bin, all bins), over the deep-search attempts only. */
export function answerQualityRows(records: AttemptRecord[]): AnswerQualityRow[] {
  const ds = records.filter((r) => r.domain === 'deepsearch');
  const rows: AnswerQualityRow[] = [];
  for (const system of [...new Set(ds.map((r) => r.system))]) {
    const mine = ds.filter((r) => r.system === system);
    for (const bin of [0, 1, 2, 3, 4]) {
      const inBin = mine.filter((r) => r.bin === bin);
      if (inBin.length) rows.push(row(system, bin, inBin));
    }
    rows.push(row(system, 'all', mine));
  }
  return rows;
}

const pct = (x: number | null) => (x === null || Number.isNaN(x) ? '—' : (100 * x).toFixed(1));

/** The markdown section of summary.md (empty when the run has no deep-search attempt). */
export function answerQualityMarkdown(records: AttemptRecord[]): string {
  const rows = answerQualityRows(records);
  if (rows.length === 0) return '';
  const anyJudge = rows.some((r) => r.judged > 0);
  const out = [
    '',
    '## deepsearch: answers (exact match, token F1, evidence recall' + (anyJudge ? ', judge' : '') + ')',
    '',
    `| system | bin | graded | pass@1 % | EM % | F1 % | evidence recall % |${anyJudge ? ' judged | judge pass % | judge/rules agreement % |' : ''}`,
    `|---|---|---:|---:|---:|---:|---:|${anyJudge ? '---:|---:|---:|' : ''}`,
  ];
  for (const r of rows) {
    const judge = anyJudge ? ` ${r.judged} | ${pct(r.judgePass)} | ${pct(r.judgeAgreement)} |` : '';
    out.push(
      `| ${r.system.replace(/^agent:/, '')} | ${r.bin === 'all' ? 'all' : BIN_LABELS[r.bin]} | ${r.graded} | ${pct(r.pass1)} | ${pct(r.exactMatch)} | ${pct(r.meanF1)} | ${pct(r.evidenceRecall)} |${judge}`,
    );
  }
  out.push('');
  out.push(
    anyJudge
      ? 'pass@1 follows the judge where it gave a verdict (`--judge`), else the grading rules (exact, alias, unit, date, containment without a rival, strict yes/no). EM = normalised exact match against the gold answer or an alias; F1 = token F1 (best over gold and aliases); evidence recall = share of gold evidence documents the agent opened; agreement = share of judged answers where the judge and the rules agree.'
      : 'pass@1 = the grading rules (exact, alias, unit, date, containment without a rival, strict yes/no); EM = normalised exact match against the gold answer or an alias; F1 = token F1 (best over gold and aliases); evidence recall = share of gold evidence documents the agent opened.',
  );
  return `${out.join('\n')}\n`;
}
