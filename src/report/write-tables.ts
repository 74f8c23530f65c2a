// The one table writer of a run folder, whatever its systems: the run tables always; the router tables
// when routers were replayed on an outcome matrix (their oracle columns need every agent's outcome on
// the test tasks); SALE's tables, learning curve and calibration when SALE held auctions.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AUCTIONS } from '../sale/log.ts';
import { writeRouterTables, type RouterTables } from './router-tables.ts';
import { writeSaleTables, type SaleTables } from './sale-tables.ts';
import { writeRunTables, type RunTables } from './tables.ts';

export interface AllTables {
  dir: string;
  run: RunTables;
  routers?: RouterTables;
  sale?: SaleTables;
}

export function writeTables(dir: string): AllTables {
  const run = writeRunTables(dir);
  const routers = run.manifest.routing?.replay ? writeRouterTables(dir) : undefined;
  const sale = existsSync(join(dir, AUCTIONS)) ? writeSaleTables(dir) : undefined;
  return { dir, run, ...(routers ? { routers } : {}), ...(sale ? { sale } : {}) };
}
