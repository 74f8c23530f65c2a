// The kind of a short answer, for tags and stratified sampling: yes-no, date, number or entity.
import { tokenise } from '../normalise.ts';

export type AnswerKind = 'yes-no' | 'date' | 'number' | 'entity';

export function answerKind(answer: string): AnswerKind {
  const toks = tokenise(answer);
  const flat = toks.map((t) => t.t).join(' ');
  if (flat === 'yes' || flat === 'no') return 'yes-no';
  if (toks.some((t) => t.group > 0) || (toks.length === 1 && /^1\d{3}$|^20\d{2}$/.test(flat))) return 'date';
  if (toks.some((t) => t.kind === 'num')) return 'number';
  return 'entity';
}
