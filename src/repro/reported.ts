// configs/paper-reported.yaml: the paper's reported numbers, each with its source, as data.
import { join } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config/load.ts';
import { readYamlFile } from '../config/yaml-file.ts';
import { BIN_KEYS } from '../tasks/bins.ts';

export const DEFAULT_REPORTED = join(PROJECT_ROOT, 'configs', 'paper-reported.yaml');

export const METRICS = ['pass_at_1', 'reliance_reduction', 'cost_reduction', 'ratio_to_largest', 'won_share_start', 'won_share_end'] as const;

const number = z
  .strictObject({
    system: z.string().regex(/^(agent:|router:)?[a-z0-9][a-z0-9:_.-]*$/, 'a system name of our tables: agent:<name>, router:<name>, sale or sale-<variant>'),
    agent: z.string().optional(),
    domain: z.enum(['coding', 'deepsearch', 'any']),
    bin: z.enum(['all', ...BIN_KEYS]),
    metric: z.enum(METRICS),
    /** Percent. With `high`, the paper gives a range [value, high]. */
    value: z.number(),
    high: z.number().optional(),
    source: z.string().min(1),
  })
  .refine((n) => n.high === undefined || n.high >= n.value, { message: 'high must be at least value' });

export const reportedSchema = z.strictObject({ source: z.string().min(1), numbers: z.array(number).min(1) });
export type Reported = z.infer<typeof reportedSchema>;
export type ReportedNumber = Reported['numbers'][number];

export const loadReported = (file = DEFAULT_REPORTED): Reported => readYamlFile(file, reportedSchema);

/** The paper's numbers for a metric, system, domain and bin (domain `any` matches both). */
export function paperNumber(r: Reported, q: { system: string; metric: ReportedNumber['metric']; domain: string; bin: string; agent?: string }): ReportedNumber | undefined {
  return r.numbers.find((n) => n.system === q.system && n.metric === q.metric && (n.domain === q.domain || n.domain === 'any') && n.bin === q.bin && (q.agent === undefined || n.agent === q.agent));
}
