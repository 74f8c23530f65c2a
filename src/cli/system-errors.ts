// Operating-system errors (ENOSPC, EACCES, EROFS, ELOOP…) as one line naming the path, and the fix.

const FIXES: Record<string, [what: string, fix: string]> = {
  ENOSPC: ['no space left on the device', 'free disk space (or pass --out on another disk), then resume the run with --resume DIR'],
  EDQUOT: ['disk quota exceeded', 'free space within your quota, then resume the run with --resume DIR'],
  EACCES: ['permission denied', 'choose a path you may read and write (--out, --tasks, --config)'],
  EPERM: ['operation not permitted', 'choose a path you may read and write (--out, --tasks, --config)'],
  EROFS: ['read-only file system', 'pass --out on a writable disk'],
  ELOOP: ['symbolic link loop', 'replace the looping symbolic link with the real file or folder'],
  ENOENT: ['no such file or folder', 'check the path'],
  ENOTDIR: ['a path component is not a folder', 'check the path'],
  EISDIR: ['is a folder, not a file', 'pass a file'],
  EEXIST: ['already exists', 'choose another path'],
  EMFILE: ['too many open files', 'raise the open-file limit (ulimit -n) or lower --concurrency'],
  EIO: ['input/output error', 'check the disk'],
  ENAMETOOLONG: ['file name too long', 'use a shorter path'],
};

/** The one-line form of a Node system error, or undefined when `e` is not one. */
export function systemErrorLine(e: unknown): { message: string; fix: string } | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, path, dest, syscall } = e as { code?: unknown; path?: unknown; dest?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return undefined;
  const [what, fix] = FIXES[code] ?? [`${code}`, 'check the path and the disk'];
  const where = typeof path === 'string' ? `${path}${typeof dest === 'string' ? ` → ${dest}` : ''}: ` : '';
  return { message: `${where}${what}${typeof syscall === 'string' ? ` (${syscall}, ${code})` : ` (${code})`}`, fix };
}
