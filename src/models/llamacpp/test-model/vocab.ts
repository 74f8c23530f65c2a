// A byte-level BPE vocabulary in the GPT-2 style llama.cpp reads as tokenizer model "gpt2" with the
// "qwen2" pre-tokenizer: 256 byte tokens, a few merges, Qwen's special tokens, and optional extra
// user-defined tokens (a scripted model's whole script steps).
import { TokenType } from '../gguf/format.ts';

let byteMap: string[] | undefined;

/** GPT-2's reversible byte → printable character mapping. */
export function byteToUnicode(): string[] {
  if (byteMap) return byteMap;
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const map: string[] = new Array<string>(256);
  for (const b of printable) map[b] = String.fromCodePoint(b);
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (map[b] === undefined) map[b] = String.fromCodePoint(256 + n++);
  }
  byteMap = map;
  return map;
}

/** Text → the vocabulary form of its UTF-8 bytes ("\n" → "Ċ", " " → "Ġ"). */
export function toByteForm(text: string): string {
  const map = byteToUnicode();
  return [...Buffer.from(text, 'utf8')].map((b) => map[b]!).join('');
}

/** Qwen's control tokens (never printed) and its tags, which are printed like text. */
export const CONTROL_TOKENS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'] as const;
export const TAG_TOKENS = ['<tool_call>', '</tool_call>', '<tool_response>', '</tool_response>', '<think>', '</think>'] as const;

/** Merges in byte form ("Ċ Ċ" joins two newlines). Each result becomes a token. */
const MERGES: [string, string][] = [
  ['Ċ', 'Ċ'],
  ['Ġ', 'Ġ'],
  ['ĠĠ', 'ĠĠ'],
  ['Ġ', 't'],
  ['e', 'r'],
  ['i', 'n'],
  ['r', 'e'],
  ['o', 'n'],
  ['Ġt', 'h'],
];

export interface Vocabulary {
  tokens: string[];
  types: TokenType[];
  merges: string[];
  /** Token id by token text (byte form for byte tokens and merges, raw text for special tokens). */
  id: Map<string, number>;
  bosId: number;
  eosId: number;
  padId: number;
  /** Ids of the 256 byte tokens, indexed by byte value. */
  byteIds: number[];
}

/**
 * Build the vocabulary: byte tokens 0–255 (in byte order), merge results, the control tokens, the tags,
 * then `extra` user-defined tokens (matched as whole strings when text is tokenized, printed as text).
 */
export function buildVocabulary(extra: string[] = []): Vocabulary {
  const map = byteToUnicode();
  const tokens: string[] = [];
  const types: TokenType[] = [];
  const id = new Map<string, number>();
  const add = (text: string, type: TokenType) => {
    if (id.has(text)) throw new Error(`duplicate token ${JSON.stringify(text)}`);
    id.set(text, tokens.length);
    tokens.push(text);
    types.push(type);
  };
  for (let b = 0; b < 256; b++) add(map[b]!, TokenType.NORMAL);
  for (const [a, b] of MERGES) add(a + b, TokenType.NORMAL);
  for (const t of CONTROL_TOKENS) add(t, TokenType.CONTROL);
  for (const t of TAG_TOKENS) add(t, TokenType.USER_DEFINED);
  for (const t of extra) if (!id.has(t)) add(t, TokenType.USER_DEFINED); // an existing token serves as it is
  return {
    tokens,
    types,
    merges: MERGES.map(([a, b]) => `${a} ${b}`),
    id,
    bosId: id.get('<|endoftext|>')!,
    eosId: id.get('<|im_end|>')!,
    padId: id.get('<|endoftext|>')!,
    byteIds: map.map((c) => id.get(c)!),
  };
}
