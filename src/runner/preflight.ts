// Preflight of a run: before the first task, every agent's model must be able to do what the run asks
// of it. Ollama lists a model's abilities in /api/show `capabilities` (e.g. ["completion", "tools",
// "thinking"]); a model without "tools" answers every agent call with HTTP 400 "… does not support
// tools", which would otherwise turn each task into an infrastructure error.
import type { AgentConfig } from '../config/types.ts';
import { SaleError } from '../errors.ts';
import type { ModelInfo } from '../models/types.ts';

/** A model lacks a capability the run needs. Exit 1 (not a configuration typo: the model is wrong). */
export class CapabilityError extends SaleError {
  constructor(
    message: string,
    fix: string,
    readonly missing: { agent: string; model: string; capability: string }[],
  ) {
    super(message, { fix });
    this.name = 'CapabilityError';
  }
}

export type Capability = 'tools' | 'thinking' | 'logprobs';

/** What an agent needs: tools always (the agent loop calls tools), thinking when a call type thinks. */
export function neededCapabilities(agent: AgentConfig, extra: Capability[] = []): Capability[] {
  const needs: Capability[] = ['tools'];
  if (Object.values(agent.callTypes).some((o) => o.think)) needs.push('thinking');
  for (const c of extra) if (!needs.includes(c)) needs.push(c);
  return needs;
}

/** Ollama returns logprobs from 0.12.11 on; /api/show does not list them as a capability. */
export const LOGPROBS_MIN_OLLAMA = '0.12.11';

function versionAtLeast(version: string, min: string): boolean {
  const parse = (v: string) => (/(\d+)\.(\d+)\.(\d+)/.exec(v) ?? []).slice(1).map(Number);
  const [a, b] = [parse(version), parse(min)];
  if (a.length < 3) return true; // unknown format (a dev build): do not block
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

/** One line per capability an agent's model lacks; [] when none. `serverVersion`: Ollama's, for logprobs. */
export function missingCapabilities(
  agents: AgentConfig[],
  models: Record<string, ModelInfo>,
  options: { extra?: Capability[]; provider?: string; serverVersion?: string } = {},
): { agent: string; model: string; capability: string }[] {
  const out: { agent: string; model: string; capability: string }[] = [];
  for (const a of agents) {
    const info = models[a.name];
    // An engine that does not list capabilities (older Ollama, the sim): nothing to check.
    if (!info?.present || !info.capabilities) continue;
    for (const need of neededCapabilities(a, options.extra)) {
      if (need === 'logprobs') {
        if (options.provider === 'ollama' && options.serverVersion && !versionAtLeast(options.serverVersion, LOGPROBS_MIN_OLLAMA)) {
          out.push({ agent: a.name, model: a.model, capability: `logprobs (Ollama ${options.serverVersion} < ${LOGPROBS_MIN_OLLAMA})` });
        }
      } else if (!info.capabilities.includes(need)) out.push({ agent: a.name, model: a.model, capability: need });
    }
  }
  return out;
}

/** The fix for each missing capability. */
function fixFor(m: { model: string; capability: string }): string {
  if (m.capability === 'tools') return `use a tool-capable model (e.g. qwen3) instead of ${m.model} in configs/agents.yaml`;
  if (m.capability === 'thinking') return `use a thinking model instead of ${m.model}, or set think: false for its call types in configs/agents.yaml`;
  return `upgrade Ollama to ${LOGPROBS_MIN_OLLAMA} or later (the auction reads logprobs)`;
}

/** Throw CapabilityError when an agent's model lacks what the run needs. */
export function checkCapabilities(
  agents: AgentConfig[],
  models: Record<string, ModelInfo>,
  options: { extra?: Capability[]; provider?: string; serverVersion?: string } = {},
): void {
  const missing = missingCapabilities(agents, models, options);
  if (!missing.length) return;
  const lines = missing.map((m) => `model '${m.model}' (agent ${m.agent}) does not support ${m.capability}`);
  throw new CapabilityError(
    lines.length === 1 ? `${lines[0]}: the run needs it, so no task was started` : `${lines.length} capability problems, so no task was started:\n  - ${lines.join('\n  - ')}`,
    [...new Set(missing.map(fixFor))].join('; '),
    missing,
  );
}
