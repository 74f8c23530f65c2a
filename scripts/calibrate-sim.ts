// Prints the sim calibration over the bundled suites' tasks: the expected pass@1 per agent and bin (equal
// to the anchors of configs/sim.yaml by construction), the expected oracle (equal to the `oracle` target),
// the solved ρ, and the realised values averaged over seeds with their largest deviation.
// Usage: node --import tsx scripts/calibrate-sim.ts [--seeds 20]
import { loadConfig } from '../src/config/load.ts';
import { SimCalibration, type Domain } from '../src/models/sim/calibration.ts';
import { analyticTable, formatTable, realisedTable } from '../src/models/sim/calibration-check.ts';
import { createSuites, suiteNames } from '../src/suites/index.ts';

const seedsArg = process.argv.indexOf('--seeds');
const seeds = seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 20;
const config = loadConfig();
const tasks = createSuites(suiteNames(config), config).flatMap((s) => s.tasks);
const cal = new SimCalibration(config.sim, tasks);
for (const domain of Object.keys(config.sim.domains) as Domain[]) {
  const anchors = config.sim.domains[domain]!.anchors;
  const a = analyticTable(cal, domain, tasks);
  const r = realisedTable(cal, domain, tasks, seeds);
  console.log(`ρ = ${cal.rho(domain).toFixed(3)} (target oracle ${config.sim.domains[domain]!.oracle})`);
  console.log(formatTable(a, anchors, 'expected'));
  console.log(formatTable(r, anchors, `realised, mean of ${seeds} seeds`));
  let worst = Math.abs(r.oracle - a.oracle);
  for (const ag of Object.keys(a.perBin)) {
    a.perBin[ag]!.forEach((v, b) => {
      if (!Number.isNaN(v)) worst = Math.max(worst, Math.abs(r.perBin[ag]![b]! - v));
    });
  }
  console.log(`  largest |realised − expected|: ${(100 * worst).toFixed(2)} points\n`);
}
