// Finding and reading input files safely: no special files (devices, FIFOs, /proc), no symbolic-link
// loops, no endless folder walks, no silent replacement of bytes that are not UTF-8.
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';

/** A path as the user reads it best: relative below the working folder, absolute elsewhere. */
const display = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : resolve(file);
};

/** Virtual file systems whose files are not data: reading them may block or never end. */
const VIRTUAL_ROOTS = ['/proc', '/sys', '/dev'];

/** The virtual file system `path` (or its nearest existing ancestor) lies on, e.g. 'proc', or null. */
export function virtualFsOf(path: string): string | null {
  let p = resolve(path);
  for (;;) {
    try {
      p = realpathSync(p);
      break;
    } catch {
      if (p === dirname(p)) return null;
      p = dirname(p);
    }
  }
  const root = VIRTUAL_ROOTS.find((r) => p === r || p.startsWith(`${r}/`));
  return root ? root.slice(1) : null;
}
/** Limits of a folder walk and of one file (a task file of 150k lines is ~100 MB at most). */
export const MAX_FILES = 100_000;
export const MAX_DEPTH = 32;
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

function kindOf(st: Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** stat a path the user named; every failure becomes one line naming `label` (a flag or a file). */
export function statInput(path: string, label: string): { abs: string; real: string; st: Stats } {
  if (path.trim() === '') throw new ConfigError([`${label}: empty path`], { fix: 'pass a file or folder path' });
  const abs = resolve(path);
  let st: Stats;
  let real: string;
  try {
    st = statSync(abs);
    real = realpathSync(abs);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ELOOP') throw new ConfigError([`${label} ${display(abs)}: symbolic link loop`], { fix: 'replace the looping symbolic link with the real file or folder' });
    if (code === 'EACCES') throw new ConfigError([`${label} ${display(abs)}: permission denied`], { fix: 'make it readable, or pass another path' });
    throw new ConfigError([`${label} ${display(abs)}: no such file or folder`], { fix: 'check the path' });
  }
  if (VIRTUAL_ROOTS.some((r) => real === r || real.startsWith(`${r}/`))) {
    throw new ConfigError([`${label} ${display(abs)}: ${real} is on a virtual file system (${real.split('/')[1]}), not a task file`], {
      fix: 'pass a .jsonl task file or a folder of them',
    });
  }
  if (!st.isFile() && !st.isDirectory()) throw new ConfigError([`${label} ${display(abs)}: ${kindOf(st)}, not a file or folder`], { fix: 'pass a .jsonl task file or a folder of them' });
  return { abs, real, st };
}

/**
 * List the files matching `pattern` under a path (a file, or a folder searched recursively, sorted).
 * A folder reached twice (a symbolic link back up the tree) is walked once; special files are skipped.
 */
export function listInputFiles(path: string, pattern: RegExp, label = '--tasks'): string[] {
  const top = statInput(path, label);
  if (top.st.isFile()) return [top.abs];
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, real: string, depth: number) => {
    if (seen.has(real)) return;
    seen.add(real);
    if (depth > MAX_DEPTH) throw new ConfigError([`${label} ${display(top.abs)}: folders nested deeper than ${MAX_DEPTH} levels at ${display(dir)}`], { fix: 'point --tasks at a shallower folder' });
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      throw new ConfigError([`${label} ${display(dir)}: cannot list the folder`], { fix: 'make it readable, or pass another path' });
    }
    for (const name of names) {
      const child = join(dir, name);
      let st: Stats;
      let childReal: string;
      try {
        st = statSync(child);
        childReal = realpathSync(child);
      } catch (e) {
        if ((e as { code?: string }).code === 'ELOOP') throw new ConfigError([`${label} ${display(child)}: symbolic link loop`], { fix: 'replace the looping symbolic link with the real file or folder' });
        continue; // a dangling link is not a task file
      }
      if (st.isDirectory()) walk(child, childReal, depth + 1);
      else if (st.isFile() && pattern.test(name)) {
        out.push(child);
        if (out.length > MAX_FILES) throw new ConfigError([`${label} ${display(top.abs)}: more than ${MAX_FILES} task files`], { fix: 'point --tasks at a smaller folder' });
      }
    }
  };
  walk(top.abs, top.real, 0);
  return out;
}

/** Find the 1-based line of the first byte sequence that is not UTF-8. */
function firstBadLine(buf: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  while (start <= buf.length) {
    let end = buf.indexOf(0x0a, start);
    if (end === -1) end = buf.length;
    try {
      decoder.decode(buf.subarray(start, end));
    } catch {
      return line;
    }
    line++;
    start = end + 1;
  }
  return line;
}

/** Read a regular file as UTF-8, refusing special files, huge files and bytes that are not UTF-8. */
export function readUtf8File(file: string, label = 'task file'): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ConfigError([`${display(file)}: cannot read the ${label} (${code ?? (e as Error).message})`], { fix: 'check the path and its permissions' });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ConfigError([`${display(file)}: ${kindOf(st)}, not a ${label}`], { fix: 'pass a regular file' });
    if (st.size > MAX_FILE_BYTES) throw new ConfigError([`${display(file)}: ${st.size} bytes, more than the ${MAX_FILE_BYTES}-byte limit of a ${label}`], { fix: 'split the file' });
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    const bytes = buf.subarray(0, got);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw new ConfigError([`${display(file)}: the ${label} is UTF-16, not UTF-8`], { fix: 'save the file as UTF-8' });
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new ConfigError([`${display(file)}:${firstBadLine(bytes)}: bytes that are not UTF-8`], { fix: 'save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)' });
    }
  } finally {
    closeSync(fd);
  }
}
