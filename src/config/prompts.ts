import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** A prompt template file: its name, text and content hash (part of the run fingerprint). */
export interface PromptFile {
  name: string;
  path: string;
  text: string;
  sha256: string;
}

/** Read a prompt template file; its sha256 goes into the run fingerprint. */
export function loadPrompt(path: string): PromptFile {
  const text = readFileSync(path, 'utf8');
  return { name: basename(path), path, text, sha256: createHash('sha256').update(text).digest('hex') };
}

/**
 * Fill `{{name}}` placeholders. A placeholder without a value is an error (a silently empty prompt
 * would change the experiment); `{{#name}}…{{/name}}` keeps its body only when the value is non-empty.
 */
export function renderPrompt(template: PromptFile | string, values: Record<string, string | undefined>): string {
  const text = typeof template === 'string' ? template : template.text;
  const name = typeof template === 'string' ? 'prompt' : template.name;
  const sections = text.replace(/\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_, key: string, body: string) => (values[key] ? body : ''));
  // Blank-line runs of the template are collapsed, never those inside a value (a starter's code is
  // shown byte for byte): non-empty values go in after the collapse, through private-use markers.
  const filled: string[] = [];
  const marked = sections.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`${name}: no value for placeholder {{${key}}}`);
    if (v === '') return '';
    filled.push(v);
    return `\uE000${filled.length - 1}\uE001`;
  });
  return marked
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .replace(/\uE000(\d+)\uE001/g, (_, i: string) => filled[Number(i)]!)
    .trim();
}
