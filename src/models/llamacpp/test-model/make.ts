// Write a generated test model to disk: the library behind scripts/make-test-model.ts and test setup.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeGguf } from '../gguf/write.ts';
import { buildRandomModel, type RandomModelOptions, type TensorTypeName } from './build.ts';
import { buildScriptedModel, type ModelScript, type ScriptAction } from './scripted.ts';

/**
 * The smoke script: run a short program, then submit a placeholder function. It solves nothing; it
 * exercises the whole path (template, tool-call parsing, sandbox, grader, records, tables).
 */
export const CODING_SMOKE_SCRIPT: ModelScript = {
  name: 'coding',
  thought: 'This is a generated test model. It runs one program, then submits a placeholder.',
  first: { toolCall: { name: 'run_python', arguments: { code: 'print("hello from a generated test model")' } } },
  afterToolResult: { toolCall: { name: 'submit', arguments: { code: 'def solution(*args, **kwargs):\n    return None\n' } } },
};

export const BUILTIN_SCRIPTS: Record<string, ModelScript> = { coding: CODING_SMOKE_SCRIPT };

function isAction(v: unknown): v is ScriptAction {
  if (v === null || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  if (typeof o.text === 'string') return true;
  const call = o.toolCall as Record<string, unknown> | undefined;
  return !!call && typeof call.name === 'string' && call.arguments !== null && typeof call.arguments === 'object' && !Array.isArray(call.arguments);
}

/** A script from a JSON file: {"name", "thought"?, "first": action, "afterToolResult": action}. */
export function readScriptFile(path: string): ModelScript {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  if (!isAction(json.first) || !isAction(json.afterToolResult)) {
    throw new Error(`${path}: expected {"name": …, "first": ACTION, "afterToolResult": ACTION} where ACTION is {"text": …} or {"toolCall": {"name": …, "arguments": {…}}}`);
  }
  return {
    name: typeof json.name === 'string' ? json.name : 'custom',
    ...(typeof json.thought === 'string' ? { thought: json.thought } : {}),
    first: json.first,
    afterToolResult: json.afterToolResult,
  };
}

export type TestModelSpec = ({ kind: 'scripted'; script: ModelScript } | ({ kind: 'random' } & RandomModelOptions)) & { tensorType?: TensorTypeName };

/** Build and write a test model; returns its size in bytes. */
export function writeTestModel(path: string, spec: TestModelSpec): number {
  const file = spec.kind === 'scripted' ? buildScriptedModel(spec.script, spec.tensorType ? { tensorType: spec.tensorType } : {}) : buildRandomModel(spec);
  const bytes = encodeGguf(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes.length;
}
