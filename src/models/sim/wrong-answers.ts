import type { FunctionPayload, MultipleChoicePayload } from '../../tasks/types.ts';
import { hashUniform } from './random.ts';

/** A wrong option letter, chosen deterministically from the key. */
export function wrongAnswerFor(payload: MultipleChoicePayload, key: string): string {
  const wrong = Object.keys(payload.options).filter((l) => l !== payload.answer).sort();
  return wrong[Math.floor(hashUniform('wrong-letter', key) * wrong.length)] ?? payload.answer;
}

/**
 * A plausible wrong solution: the reference, with its result nudged off by one in a type-appropriate
 * way (an off-by-one int, a dropped list element, a flipped boolean, …). It runs, returns the right
 * type, and fails the hidden tests of any task whose tests check return values.
 */
export function wrongCodeFor(payload: FunctionPayload): string {
  const f = payload.entry_point;
  return `${payload.reference}

_sale_sim_reference = ${f}
def ${f}(*args, **kwargs):
    result = _sale_sim_reference(*args, **kwargs)
    if isinstance(result, bool):
        return not result
    if isinstance(result, int):
        return result + 1
    if isinstance(result, float):
        return result + 1.5
    if isinstance(result, str):
        return result[:-1] if result else "?"
    if isinstance(result, (list, tuple)):
        return type(result)(list(result)[:-1]) if result else type(result)([None])
    if isinstance(result, (set, frozenset)):
        return type(result)(list(result)[1:]) if result else type(result)({None})
    if isinstance(result, dict):
        return {**result, "_sale_sim": None}
    if result is None:
        return 0
    return None
`;
}
