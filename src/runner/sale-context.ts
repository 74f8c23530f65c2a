// What SALE's systems are handed besides the run's selection (src/sale/system.ts SaleRunContext): the
// auxiliary calls (aux-calls.ts: metered and logged to the run folder) and the embedder of its memory.
// Both wrap the model client here, so src/sale/ holds none.
import type { Config } from '../config/types.ts';
import { ConfigError } from '../errors.ts';
import { createOllamaEmbedder, createTfIdfEmbedder, type Embedder } from '../models/embeddings.ts';
import type { ModelClient } from '../models/types.ts';
import { auxClient, liveAuxCalls, type MeteredAuxCall } from './aux-calls.ts';

/** Builds the memory's embedder, given the training tasks' texts (TF-IDF fits on them). */
export type EmbedderFactory = (trainingTexts: string[]) => Promise<Embedder>;

export function saleEmbedder(config: Config, client: ModelClient): EmbedderFactory {
  return async (trainingTexts) => {
    if (config.sale.embedder === 'tfidf') return createTfIdfEmbedder(trainingTexts, { dim: 1024 });
    const embedClient = client as ModelClient & { embed?: (model: string, texts: string[]) => Promise<number[][]> };
    if (typeof embedClient.embed !== 'function') {
      throw new ConfigError([`configs/sale.yaml embedder: all-minilm needs the Ollama provider (this run uses ${client.provider})`], { fix: 'set embedder: tfidf, or run with --provider ollama' });
    }
    const info = await client.describe('all-minilm');
    if (!info.present) throw new ConfigError([`embedding model all-minilm is not installed on ${client.endpoint}`], { fix: 'ollama pull all-minilm' });
    return createOllamaEmbedder(embedClient as { embed: (model: string, texts: string[]) => Promise<number[][]> }, 'all-minilm', info.digest ?? 'unknown');
  };
}

/** The model-facing parts of SALE's run context: live auxiliary calls logged to `dir`, the embedder, and whether it is simulated. */
export function saleModelParts(config: Config, client: ModelClient, seed: number, dir?: string): { call: MeteredAuxCall; embedder: EmbedderFactory; simulated: boolean } {
  return {
    call: liveAuxCalls({ client: auxClient(config, client), agents: config.agents, seed, ...(dir ? { dir } : {}) }),
    embedder: saleEmbedder(config, client),
    simulated: client.provider === 'sim',
  };
}
