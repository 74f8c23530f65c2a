import { z } from 'zod';
import { TAU_MAX } from './bins.ts';

/** A string with something in it besides whitespace (a whitespace-only prompt or test is a broken task). */
const nonBlank = (what = 'must not be empty or whitespace only') => z.string().refine((v) => v.trim().length > 0, what);

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a Python identifier');

const tauSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('annotated'), rationale: z.string().min(1) }),
  z.strictObject({
    kind: z.literal('estimator'),
    name: z.string().min(1),
    version: z.string().min(1),
    rationale: z.string().optional(),
  }),
]);

const functionPayload = z.strictObject({
  kind: z.literal('function'),
  entry_point: identifier,
  tests: z.array(nonBlank('a test must not be empty or whitespace only')).min(1),
  test_setup: z.string().optional(),
  /**
   * Python run in the solution's own module right after it loads, inside the sandbox (HumanEval: the
   * prompt's imports and helpers, which the official prompt + completion semantics give a completion).
   * Task-provided code on the untrusted side: it must never hold a test or an expected value.
   */
  solution_setup: z.string().optional(),
  reference: nonBlank(),
  starter: z.string().optional(),
});

const multipleChoicePayload = z
  .strictObject({
    kind: z.literal('multiple_choice'),
    options: z.record(z.string().regex(/^[A-Z]$/, 'option keys are single capital letters'), z.string().min(1)),
    answer: z.string().regex(/^[A-Z]$/),
  })
  .refine((p) => Object.keys(p.options).length >= 2, { message: 'needs at least two options', path: ['options'] })
  .refine((p) => p.answer in p.options, { message: 'answer must be one of the option letters', path: ['answer'] });

const qaPayload = z.strictObject({
  kind: z.literal('qa'),
  answer: nonBlank(),
  aliases: z.array(z.string().min(1)),
  evidence: z.array(z.string().min(1)).min(1),
});

export const taskRecordSchema = z.strictObject({
  id: z.string().min(1).regex(/^[A-Za-z0-9_.:\/-]+$/, 'ids use letters, digits and _ . : / -'),
  suite: z.string().min(1),
  domain: z.enum(['coding', 'deepsearch']),
  prompt: nonBlank('the prompt must not be empty or whitespace only'),
  tau: z
    .number()
    .gt(0, 'τ must be > 0 minutes')
    .lte(TAU_MAX, `τ must be ≤ ${TAU_MAX} minutes (the largest bin edge)`),
  tau_source: tauSource,
  payload: z.union([functionPayload, multipleChoicePayload, qaPayload]),
  source: z.strictObject({ dataset: z.string(), id: z.string().optional(), license: z.string().optional() }).optional(),
  tags: z.array(z.string()).optional(),
})
  .superRefine((t, ctx) => {
    // The payload must be one the task's domain can grade (a qa payload in a coding task would crash mid-run).
    const allowed = PAYLOADS_OF[t.domain] as string[] | undefined;
    if (allowed && t.payload && !allowed.includes(t.payload.kind)) {
      ctx.addIssue({ code: 'custom', path: ['payload', 'kind'], message: `a ${t.domain} task needs a ${allowed.join(' or ')} payload, not '${t.payload.kind}'` });
    }
  });

/** Payload kinds each domain's suite grades. */
export const PAYLOADS_OF: Record<'coding' | 'deepsearch', string[]> = { coding: ['function', 'multiple_choice'], deepsearch: ['qa'] };

/** Format zod issues as "key.path: message" lines. */
export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    if (issue.code === 'unrecognized_keys') return `${path}: unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    if (issue.code === 'invalid_union') {
      // Point at the closest branch: the one whose kind matches, if any.
      const branches = issue.errors.map((errs) => errs.map((e) => `${[...issue.path, ...e.path].join('.')}: ${e.message}`));
      const best = branches.reduce((a, b) => (b.length < a.length ? b : a), branches[0] ?? []);
      return best.join('; ') || `${path}: ${issue.message}`;
    }
    return `${path}: ${issue.message}`;
  });
}
