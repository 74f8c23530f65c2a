import type { Command } from 'commander';
import { registerDatasetsImport } from './datasets-import.ts';
import { registerDatasetsList } from './datasets-list.ts';
import { registerDatasetsValidate } from './datasets-validate.ts';

export function registerDatasets(program: Command): void {
  const datasets = program.command('datasets').description('list, validate and import task datasets');
  registerDatasetsList(datasets);
  registerDatasetsValidate(datasets);
  registerDatasetsImport(datasets);
}
