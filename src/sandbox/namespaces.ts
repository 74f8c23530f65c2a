// The command line of each isolation level: bwrap and unshare build the same private world (see
// ns-setup.py for unshare), rlimit runs the limits and the uid change only.
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeFdsCommand, findTool, innerCommand, isInside, isRoot, type CommandContext } from './command.ts';

/** Size of each private tmpfs of a run (/tmp, /var/tmp, /dev/shm and the run folder): the disk cap. */
export const TMPFS_BYTES = 64 * 1024 * 1024;

/** Folders bound read-only into the sandbox when they exist as real folders (symlinks are copied as symlinks). */
const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc'];

const NS_SETUP = readFileSync(fileURLToPath(new URL('./ns-setup.py', import.meta.url)), 'utf8');

/** System folders: real folders to bind read-only, and symlinks to recreate. */
function systemLayout(python: CommandContext['python']): { ro: string[]; links: [string, string][] } {
  const ro: string[] = [];
  const links: [string, string][] = [];
  for (const dir of SYSTEM_DIRS) {
    let st;
    try {
      st = lstatSync(dir);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) links.push([readlinkSync(dir), dir]);
    else if (st.isDirectory()) ro.push(dir);
  }
  for (const root of python.roots) if (!ro.some((m) => isInside(root, m))) ro.push(root);
  return { ro, links };
}

/** The argv (program first) that runs the script under the given isolation level. */
export function buildCommand(ctx: CommandContext): string[] {
  const inner = innerCommand(ctx);
  if (ctx.level === 'rlimit') return [...closeFdsCommand(ctx.python.executable, false), ...inner];

  if (ctx.level === 'unshare') {
    if (!ctx.rootDir) throw new Error("the 'unshare' level needs a root folder");
    const { ro, links } = systemLayout(ctx.python);
    const spec = [ctx.rootDir, ctx.workDir, ctx.uid === null ? '-' : String(ctx.uid), String(TMPFS_BYTES), String(ro.length), ...ro, String(links.length), ...links.flat()];
    const stage1 = [ctx.python.executable, '-I', '-S', '-B', '-c', NS_SETUP, ...spec, ...inner];
    const unshare = findTool('unshare') ?? 'unshare';
    const userNs = isRoot() ? [] : ['--user', '--map-root-user'];
    // setpriv ties unshare itself to our life (a parent-death SIGKILL survives exec); unshare's
    // --kill-child then kills pid 1 of the namespace, and with it every process in it.
    const setpriv = findTool('setpriv');
    const guard = setpriv ? [setpriv, '--pdeathsig=KILL', '--'] : [];
    // A shell as pid 1 of the new pid namespace waits for the program and exits with 128+signal
    // when it is killed (unshare 2.38 itself fails to report signals). The subshell keeps the shell
    // from exec-ing the program and its "Killed" notice goes to /dev/null, not the program's stderr.
    const shell = 'exec 3>&2 2>/dev/null; ("$@" 2>&3 3>&-); exit $?';
    return [...guard, unshare, ...userNs, '--mount', '--net', '--pid', '--ipc', '--uts', '--fork', '--kill-child', '--', '/bin/sh', '-c', shell, 'sh', ...stage1];
  }

  // bwrap. No --unshare-user: as root it would map only uid 0 and setpriv could not switch uid.
  // Unprivileged (not root), bwrap needs a user namespace and creates one by itself.
  const bwrap = findTool('bwrap') ?? 'bwrap';
  const size = String(TMPFS_BYTES);
  const args: string[] = [
    bwrap,
    ...(isRoot() ? [] : ['--unshare-user']),
    '--unshare-net',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    '--hostname',
    'sandbox',
    '--die-with-parent',
    '--new-session',
  ];
  const mounts = ['/proc', '/dev', '/tmp', '/var'];
  const { ro, links } = systemLayout(ctx.python);
  for (const [target, link] of links) args.push('--symlink', target, link);
  const readOnly: string[] = [];
  for (const dir of ro) {
    if (SYSTEM_DIRS.includes(dir)) {
      args.push('--ro-bind', dir, dir);
      readOnly.push(dir);
    }
  }
  args.push('--proc', '/proc', '--dev', '/dev', '--size', size, '--perms', '1777', '--tmpfs', '/dev/shm', '--size', size, '--perms', '1777', '--tmpfs', '/tmp');
  args.push('--dir', '/var', '--size', size, '--perms', '1777', '--tmpfs', '/var/tmp');
  const makeParents = (target: string) => {
    for (const dir of parentsToCreate(target, mounts, readOnly)) {
      args.push('--perms', '0755', '--dir', dir);
      mounts.push(dir);
    }
  };
  for (const root of ro) {
    if (readOnly.some((m) => isInside(root, m))) continue;
    makeParents(root);
    args.push('--ro-bind', root, root);
    readOnly.push(root);
    mounts.push(root);
  }
  makeParents(ctx.workDir);
  // The run folder is a tmpfs of its own (capped); the request's files are bound into it.
  args.push('--perms', '0777', '--size', size, '--tmpfs', ctx.workDir);
  const made = new Set<string>();
  for (const f of ['main.py', ...(ctx.files ?? [])]) {
    const full = path.join(ctx.workDir, f);
    const parents: string[] = [];
    for (let d = path.dirname(full); d !== ctx.workDir && isInside(d, ctx.workDir); d = path.dirname(d)) parents.unshift(d);
    for (const d of parents) if (!made.has(d)) made.add(d) && args.push('--perms', '0777', '--dir', d);
    args.push('--bind', full, full);
  }
  args.push('--chdir', ctx.workDir, '--', ...closeFdsCommand(ctx.python.executable, true), ...inner);
  return args;
}

/**
 * Folders to create (world-searchable) inside the sandbox before binding `target`: every ancestor up
 * to the nearest mount point, unless an ancestor lies inside a read-only bind (where it already
 * exists as on the host). Without this bwrap copies a private mode such as /root's 0700.
 */
export function parentsToCreate(target: string, mountPoints: string[], readOnly: string[]): string[] {
  const chain: string[] = [];
  let dir = path.dirname(target);
  while (dir !== '/' && !mountPoints.includes(dir)) {
    if (readOnly.some((p) => isInside(dir, p))) return [];
    chain.unshift(dir);
    dir = path.dirname(dir);
  }
  return chain;
}
