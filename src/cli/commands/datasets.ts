import type { Command } from 'commander';
import { registerDatasetsAudit } from './datasets-audit.ts';
import { registerDatasetsImport } from './datasets-import.ts';
import { registerDatasetsList } from './datasets-list.ts';
import { registerDatasetsValidate } from './datasets-validate.ts';

export function registerDatasets(program: Command): void {
  const datasets = program.command('datasets').description('list, validate, audit and import task datasets');
  registerDatasetsList(datasets);
  registerDatasetsValidate(datasets);
  registerDatasetsAudit(datasets);
  registerDatasetsImport(datasets);
}
