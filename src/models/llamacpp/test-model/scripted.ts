// Scripted test models: hand-set weights that play a fixed agent script through a genuine forward
// pass ("before any tool result: do step A; once a tool result is in context: do step B").
//
// How the scripted model works (one layer, FFN all zero):
//   * token embeddings are one-hot (dimension = token id) plus a constant "bias" dimension;
//   * one attention head: the query is constant (read from the bias dimension), the only non-zero key
//     belongs to <tool_response>, placed on the last head dimension, which is in the lowest-frequency
//     RoPE pair in both the NEOX and the interleaved convention, so position barely rotates it. With a
//     score of ≈40 the head attends (almost) only to <tool_response> tokens when there are any, and
//     its value writes 1 into a "flag" dimension; with none, every value is 0 and the flag stays 0;
//   * the untied output matrix is a bigram table: next token = f(current token, flag), with logit gaps
//     ≥ 30 so the choice does not depend on the sampling temperature. Where the two script branches
//     need different successors of the same token, the logits use the conjunction
//     (token AND flag) = token + flag − bias.
import { gguf } from '../gguf/format.ts';
import type { GgufFile } from '../gguf/write.ts';
import { GENERATED_MODEL_NAME, baseMetadata, qwen3Tensors, roundUp, type Shape, type TensorTypeName } from './build.ts';
import { buildVocabulary, toByteForm } from './vocab.ts';

export type ScriptAction = { toolCall: { name: string; arguments: Record<string, unknown> } } | { text: string };

export interface ModelScript {
  /** Short name recorded in the model (sale.generated.script). */
  name: string;
  /** Reasoning emitted inside <think> when thinking is on. */
  thought?: string;
  /** What the model does while no tool result is in the context. */
  first: ScriptAction;
  /** What it does once any tool result is in the context. */
  afterToolResult: ScriptAction;
}

export interface ScriptedModelOptions {
  tensorType?: TensorTypeName;
  contextLength?: number;
}

/** The text of a tool call's JSON body, as the model prints it between the tags. */
export const toolCallBody = (call: { name: string; arguments: Record<string, unknown> }) =>
  `\n{"name": ${JSON.stringify(call.name)}, "arguments": ${JSON.stringify(call.arguments)}}\n`;

export function buildScriptedModel(script: ModelScript, options: ScriptedModelOptions = {}): GgufFile {
  const tensorType = options.tensorType ?? 'F16';
  const thought = `\n${(script.thought ?? 'Following the script.').trim()}\n`;
  const actionTokens = (a: ScriptAction) => ('toolCall' in a ? [toolCallBody(a.toolCall)] : [a.text]);
  const extra = [...new Set([thought, ...actionTokens(script.first), ...actionTokens(script.afterToolResult)])];
  for (const e of extra) if (e.trim() === '') throw new Error('script steps must not be blank');
  const vocab = buildVocabulary(extra);
  const V = vocab.tokens.length;
  const tok = (text: string) => {
    const id = vocab.id.get(text);
    if (id === undefined) throw new Error(`internal: no token ${JSON.stringify(text)}`);
    return id;
  };
  const NL = tok(toByteForm('\n'));
  const NLNL = tok(toByteForm('\n\n'));
  const steps = (a: ScriptAction) => ('toolCall' in a ? [tok('<tool_call>'), tok(toolCallBody(a.toolCall)), tok('</tool_call>')] : [tok(a.text)]);
  // Generation starts after "<|im_start|>assistant\n" (thinking on) or after "…</think>\n\n" (off).
  const sequence = (a: ScriptAction) => [NL, tok('<think>'), tok(thought), tok('</think>'), NLNL, ...steps(a), vocab.eosId];
  const successor: Map<number, [number | undefined, number | undefined]> = new Map();
  [sequence(script.first), sequence(script.afterToolResult)].forEach((seq, flag) => {
    for (let i = 0; i + 1 < seq.length; i++) {
      const entry = successor.get(seq[i]!) ?? [undefined, undefined];
      const prev = entry[flag];
      if (prev !== undefined && prev !== seq[i + 1]) throw new Error(`script token ${JSON.stringify(vocab.tokens[seq[i]!])} has two successors`);
      entry[flag] = seq[i + 1];
      successor.set(seq[i]!, entry);
    }
  });
  // A conditional rule adds flag/bias terms to its targets' rows, which would disturb any other rule
  // leading to the same target: refuse such scripts rather than build a model that misbehaves.
  const targets = new Map<number, number>();
  for (const [n0, n1] of successor.values()) for (const n of new Set([n0, n1])) if (n !== undefined) targets.set(n, (targets.get(n) ?? 0) + 1);
  for (const [n0, n1] of successor.values()) {
    if (n0 !== undefined && n1 !== undefined && n0 !== n1 && ((targets.get(n0) ?? 0) > 1 || (targets.get(n1) ?? 0) > 1)) {
      throw new Error('script: the two branches diverge at a token that other steps also lead to; make the steps differ');
    }
  }

  const BIAS = V; // constant dimension
  const FLAG = V + 1; // written by the attention head
  const d = roundUp(V + 2, 32);
  const headDim = 32;
  const shape: Shape = { contextLength: options.contextLength ?? 40960, embedding: d, layers: 1, ff: 32, heads: 1, kvHeads: 1, headDim };
  const LAST = headDim - 1; // in the lowest-frequency RoPE pair
  const normed = Math.sqrt(d / 2); // RMS-normalised value of an entry of a (one-hot + bias) vector
  const SCORE = 40; // attention score of <tool_response> keys
  const qkNorm = Math.sqrt(SCORE / Math.sqrt(headDim)); // score = sqrt(headDim) · qn · kn
  const A = 4; // × sqrt(d/3) ≥ 30 after the output norm
  const toolResponse = tok('<tool_response>');

  const w = (name: string, rows: number, cols: number): Float32Array => {
    const out = new Float32Array(rows * cols);
    const set = (r: number, c: number, v: number) => {
      out[r * cols + c] = v;
    };
    switch (name) {
      case 'token_embd.weight':
        for (let t = 0; t < V; t++) {
          set(t, t, 1);
          set(t, BIAS, 1);
        }
        return out;
      case 'blk.0.attn_q.weight':
        set(LAST, BIAS, 1);
        return out;
      case 'blk.0.attn_k.weight':
        set(LAST, toolResponse, 1);
        return out;
      case 'blk.0.attn_v.weight':
        set(0, toolResponse, 1 / normed);
        return out;
      case 'blk.0.attn_output.weight':
        set(FLAG, 0, 1);
        return out;
      case 'blk.0.attn_q_norm.weight':
      case 'blk.0.attn_k_norm.weight':
        return out.fill(qkNorm);
      case 'output.weight':
        for (const [cur, [n0, n1]] of successor) {
          if (n0 === n1 || n0 === undefined || n1 === undefined) {
            set((n0 ?? n1)!, cur, A);
          } else {
            set(n0, cur, A);
            set(n0, FLAG, -A);
            set(n1, cur, A);
            set(n1, FLAG, A);
            set(n1, BIAS, -A);
          }
        }
        return out;
      default:
        if (name.endsWith('norm.weight')) return out.fill(1);
        return out; // FFN and everything else: zero
    }
  };
  return {
    metadata: baseMetadata(vocab, shape, GENERATED_MODEL_NAME, 'scripted', tensorType, [['sale.generated.script', gguf.str(script.name)]]),
    tensors: qwen3Tensors(shape, V, tensorType, w),
  };
}
