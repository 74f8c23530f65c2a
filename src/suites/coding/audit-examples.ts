// The "examples" shortcut of `sale datasets audit`: the task's own examples copied as the solution.
// The prompt's examples (`f(x)` returns `y`, `f(x)` raises `E`) become a lookup table keyed by the
// arguments' repr; any other input gets the most common example value. A hidden-test suite that such a
// table passes tests nothing beyond the examples the model already sees.

export interface PromptExample {
  /** The argument list source, without the parentheses. */
  args: string;
  kind: 'returns' | 'raises';
  value: string;
}

/** `entry(args)` returns `value` / raises `Error` pairs in a prompt. */
export function promptExamples(prompt: string, entryPoint: string): PromptExample[] {
  const out: PromptExample[] = [];
  const name = entryPoint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp('`' + name + '\\((.*?)\\)`\\s+(returns|raises|is)\\s+`([^`]+)`', 'g');
  for (const m of prompt.matchAll(re)) out.push({ args: m[1]!, kind: m[2] === 'raises' ? 'raises' : 'returns', value: m[3]! });
  return out;
}

/** Python source of the examples-as-solution shortcut, or null when the prompt has no examples. */
export function examplesSolution(prompt: string, entryPoint: string): string | null {
  const examples = promptExamples(prompt, entryPoint);
  if (!examples.length) return null;
  const counts = new Map<string, number>();
  for (const e of examples) if (e.kind === 'returns') counts.set(e.value, (counts.get(e.value) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'None';
  const lines = [
    'import copy',
    'def __key(*a, **k):',
    '    return repr((a, sorted(k.items())))',
    '__TABLE = {}',
    ...examples.map(
      (e) => `try:\n    __TABLE[__key(${e.args})] = (${JSON.stringify(e.kind)}, ${e.kind === 'raises' ? e.value.replace(/\(.*$/, '') : e.value})\nexcept Exception:\n    pass`,
    ),
    'try:',
    `    __DEFAULT = ${common}`,
    'except Exception:',
    '    __DEFAULT = None',
    `def ${entryPoint}(*a, **k):`,
    '    hit = __TABLE.get(__key(*a, **k))',
    '    if hit is None:',
    '        return copy.deepcopy(__DEFAULT)',
    "    if hit[0] == 'raises':",
    '        raise hit[1]()',
    '    return copy.deepcopy(hit[1])',
    '',
  ];
  return lines.join('\n');
}
