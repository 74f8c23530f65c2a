// The deep-search suite: questions answered by searching a fixed local corpus (search, open, answer),
// graded by normalised exact match and token F1, with evidence recall and an optional judge.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SuiteConfig } from '../../config/types.ts';
import { PROJECT_ROOT } from '../../config/load.ts';
import { loadPrompt, renderPrompt } from '../../config/prompts.ts';
import { ConfigError } from '../../errors.ts';
import type { Task } from '../../tasks/types.ts';
import type { Grade, PromptFile, Suite } from '../types.ts';
import { loadCorpus, type Corpus } from './corpus.ts';
import { gradeDeepsearch } from './grader.ts';
import type { AnswerJudge, JudgeVerdict } from './judge.ts';
import { INDEX_VERSION, loadIndex, type IndexLoad, type SearchIndex } from './search-index.ts';
import { answerTool, DEFAULT_TOOL_SETTINGS, openTool, searchTool, type DeepsearchToolSettings } from './tools.ts';

export { loadCorpus, parseCorpus, type Corpus, type CorpusDoc } from './corpus.ts';
export { gradeDeepsearch, scoreAnswer, evidenceRecall } from './grader.ts';
export { createAnswerJudge, loadJudgePrompt, type AnswerJudge, type JudgeVerdict } from './judge.ts';
export { loadIndex, buildIndex, SearchIndex } from './search-index.ts';

const promptPath = (name: string) => fileURLToPath(new URL(`./prompts/${name}`, import.meta.url));
const display = (file: string) => relative(process.cwd(), file) || file;
/** The tag of tasks whose corpus describes the real world (see createDeepsearchSuite). */
export const REAL_WORLD_TAG = 'real-world';
/** The file a corpus is looked for beside imported tasks (see resolveCorpusPath). */
export const CORPUS_FILE = 'corpus.jsonl';

const within = (file: string, dir: string) => file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** corpus.jsonl in the task file's folder, its parent or its grandparent (DIR/tasks/x.jsonl → DIR/corpus.jsonl). */
function corpusBeside(taskFile: string): string | null {
  let dir = dirname(taskFile);
  for (let i = 0; i < 3; i++) {
    const candidate = join(dir, CORPUS_FILE);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/**
 * Which corpus a set of deep-search tasks is searched in. Decision (the issue is silent): tasks read from
 * the suite's own datasets (configs/suites.yaml `datasets:`) use its `corpus:`; tasks from elsewhere
 * (`bench run --tasks DIR`, an import) use the corpus.jsonl found beside them (their folder, its parent or
 * grandparent), else the configured corpus. All tasks of one suite must resolve to one corpus.
 */
export function resolveCorpusPath(config: SuiteConfig, tasks: Task[], root = PROJECT_ROOT): string {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(root, p));
  const configured = config.corpus ? abs(config.corpus) : null;
  const datasetDirs = config.datasets.map(abs);
  const chosen = new Map<string, Task>();
  for (const t of tasks) {
    const file = resolve(t.origin.file);
    const own = datasetDirs.some((d) => within(file, d));
    const path = own ? configured : (corpusBeside(file) ?? configured);
    if (!path) {
      throw new ConfigError([`${display(file)}:${t.origin.line} (task ${t.id}): no corpus for this deep-search task`], {
        fix: `put the corpus in ${CORPUS_FILE} beside the tasks (or in their parent folder), or set corpus: in configs/suites.yaml`,
      });
    }
    if (!chosen.has(path)) chosen.set(path, t);
  }
  if (chosen.size > 1) {
    const lines = [...chosen].map(([p, t]) => `${display(t.origin.file)}:${t.origin.line} (task ${t.id}) uses ${display(p)}`);
    throw new ConfigError([`the tasks of one deep-search suite use different corpora: ${lines.join('; ')}`], { fix: 'run each corpus\'s tasks separately' });
  }
  const only = [...chosen.keys()][0];
  if (only) return only;
  if (configured) return configured;
  throw new ConfigError(['deep-search suite: no corpus configured'], { fix: 'set corpus: in configs/suites.yaml' });
}

/** Every task must be a qa task whose evidence ids exist in the corpus; problems name file:line. */
export function checkTasksAgainstCorpus(tasks: Task[], corpus: Corpus): void {
  const problems: string[] = [];
  for (const t of tasks) {
    const where = `${display(t.origin.file)}:${t.origin.line} (task ${t.id})`;
    if (t.payload.kind !== 'qa') {
      problems.push(`${where}: payload.kind: the deep-search suite needs 'qa' tasks, got '${t.payload.kind}'`);
      continue;
    }
    t.payload.evidence.forEach((id, i) => {
      if (!corpus.byId.has(id)) problems.push(`${where}: payload.evidence.${i}: no document '${id}' in ${display(corpus.file)}`);
    });
  }
  if (problems.length) throw new ConfigError(problems, { fix: 'correct the evidence ids (or the corpus); no task was run' });
}

export function toolSettings(config: SuiteConfig): DeepsearchToolSettings {
  const defaultK = config.search_k ?? DEFAULT_TOOL_SETTINGS.defaultK;
  return {
    ...DEFAULT_TOOL_SETTINGS,
    defaultK,
    maxK: Math.max(DEFAULT_TOOL_SETTINGS.maxK, defaultK),
    pageChars: config.page_chars ?? DEFAULT_TOOL_SETTINGS.pageChars,
  };
}

/**
 * The corpus and the search settings as a fingerprint entry. The run fingerprint hashes prompt files and a
 * few suite settings only; the corpus and the tool settings change what agents see, so they enter it as
 * this pseudo prompt file (its text describes them, its hash covers them).
 */
function searchSettingsEntry(corpus: Corpus, settings: DeepsearchToolSettings): PromptFile {
  const text = `corpus ${basename(corpus.file)} sha256 ${corpus.hash}; ${corpus.docs.length} documents; index ${INDEX_VERSION}; ${JSON.stringify(settings)}\n`;
  return { name: 'search-settings', path: corpus.file, text, sha256: createHash('sha256').update(text).digest('hex') };
}

export interface DeepsearchSuiteOptions {
  /** Corpus file (default: resolveCorpusPath). */
  corpusPath?: string;
  /** Index cache folder (null = none; default <project root>/.cache/deepsearch-index). */
  cacheDir?: string | null;
}

export interface DeepsearchSuite extends Suite {
  readonly corpus: Corpus;
  /** The search index (loaded or built on first use). */
  index(): SearchIndex;
  /** How the index was obtained (null before first use). */
  readonly indexLoad: IndexLoad | null;
}

export function createDeepsearchSuite(name: string, config: SuiteConfig, tasks: Task[], options: DeepsearchSuiteOptions = {}): DeepsearchSuite {
  const system = loadPrompt(promptPath('system.md'));
  // Tasks tagged real-world (imported HotpotQA, `import qa --real-world`) get a system prompt for a real-world
  // corpus instead of the bundled suite's "the world may be fictional" one; it enters the fingerprint only
  // when some task uses it.
  const realWorld = tasks.some((t) => t.tags?.includes(REAL_WORLD_TAG)) ? loadPrompt(promptPath('system-real-world.md')) : null;
  const taskPrompt = loadPrompt(promptPath('task.md'));
  const corpus = loadCorpus(options.corpusPath ?? resolveCorpusPath(config, tasks));
  checkTasksAgainstCorpus(tasks, corpus);
  const settings = toolSettings(config);
  let indexLoad: IndexLoad | null = null;
  const index = () => {
    indexLoad ??= loadIndex(corpus, options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir });
    return indexLoad.index;
  };
  // One verdict per (judge, task, answer): several agents often give the same answer.
  const verdicts = new WeakMap<AnswerJudge, Map<string, Promise<JudgeVerdict>>>();
  const memoJudge = (judge: AnswerJudge): AnswerJudge => {
    let memo = verdicts.get(judge);
    if (!memo) verdicts.set(judge, (memo = new Map()));
    const m = memo;
    return {
      agent: judge.agent,
      model: judge.model,
      prompt: judge.prompt,
      judge(input) {
        const key = `${input.task.id}\0${input.answer.trim()}`;
        let v = m.get(key);
        if (!v) {
          v = judge.judge(input);
          m.set(key, v);
          // A failed judgement is not reused: the next attempt asks again.
          void v.then((r) => r.match === null && m.delete(key), () => m.delete(key));
        }
        return v;
      },
    };
  };
  return {
    name,
    domain: 'deepsearch',
    config,
    tasks,
    corpus,
    index,
    get indexLoad() {
      return indexLoad;
    },
    prompts: [system, ...(realWorld ? [realWorld] : []), taskPrompt, searchSettingsEntry(corpus, settings)],
    systemPrompt: (task) => (realWorld && task.tags?.includes(REAL_WORLD_TAG) ? realWorld : system).text.trim(),
    userPrompt: (task, plan) => renderPrompt(taskPrompt, { question: task.prompt, plan }),
    tools: () => [searchTool(index(), settings), openTool(corpus, settings), answerTool()],
    parseFinalText(_task, text) {
      // A reply without a tool call counts only when it says "Answer: …" (else the loop nudges the model on).
      const m = /^\s*\**\s*(?:final answer|answer)\s*\**\s*[:：]\s*(.+?)\s*$/im.exec(text);
      return m && m[1]!.trim() ? { kind: 'answer', text: m[1]!.replace(/^\*+|\*+$/g, '').trim() } : null;
    },
    async grade(task, submission, env, run): Promise<Grade> {
      return gradeDeepsearch(task, submission, { ...(run ? { run } : {}), ...(env.judge ? { judge: memoJudge(env.judge) } : {}) });
    },
  };
}
