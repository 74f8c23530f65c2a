// Deep-search dataset importers: `sale datasets import hotpotqa FILE --out DIR` and
// `sale datasets import qa FILE --corpus CORPUS --out DIR`. Both write DIR/corpus.jsonl and
// DIR/tasks/<suite>.jsonl; run them with `sale bench run --suite deepsearch --tasks DIR/tasks`.
export { importHotpotqa, convertHotpot, joinSentences, type HotpotImportOptions } from './hotpotqa.ts';
export { importQa, convertQa, type QaImportOptions } from './qa.ts';
export { docIdFromTitle, type DeepsearchImportResult } from './common.ts';
export { estimateHotpotTau, estimateQaTau, HOTPOTQA_TAU_ESTIMATOR, QA_TAU_ESTIMATOR } from './tau.ts';

export const DEEPSEARCH_FORMATS = ['hotpotqa', 'qa'] as const;
export type DeepsearchFormat = (typeof DEEPSEARCH_FORMATS)[number];
