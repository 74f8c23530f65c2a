// The terminal's colours (only src/cli/ imports chalk): what report's tables call Paint.
import chalk from 'chalk';
import type { Paint } from '../report/tables.ts';

export const paint: Paint = {
  bold: (t) => chalk.bold(t),
  good: (t) => chalk.green(t),
  fair: (t) => chalk.yellow(t),
  poor: (t) => chalk.red(t),
  banner: (t) => chalk.bgYellow.black(t),
};
