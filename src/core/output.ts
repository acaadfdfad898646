import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** One file of the synthesized output, relative to the output directory. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/** The file in the output directory that lists what the library wrote there (so stale files can be removed). */
export const WRITTEN_FILES_MANIFEST = '.cdk8s-mesh-files';

/** Every file under `dir`, relative to it, read into memory. */
export function readTree(dir: string, base = dir): OutputFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return readTree(full, base);
    return [{ path: path.relative(base, full).split(path.sep).join('/'), content: fs.readFileSync(full, 'utf8') }];
  });
}

/** Runs `work` with a fresh temporary directory that is removed afterwards. */
export function withTempDir<T>(work: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mesh-synth-'));
  try {
    return work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function previouslyWritten(outdir: string): string[] {
  const manifest = path.join(outdir, WRITTEN_FILES_MANIFEST);
  if (!fs.existsSync(manifest)) return [];
  return fs.readFileSync(manifest, 'utf8').split('\n').filter(line => line && !line.startsWith('#'));
}

/** Removes `dir` and its parents up to `root` while they are empty. */
function removeEmptyDirs(dir: string, root: string): void {
  while (dir !== root && dir.startsWith(root) && fs.existsSync(dir) && fs.readdirSync(dir).length === 0) {
    fs.rmdirSync(dir);
    dir = path.dirname(dir);
  }
}

/**
 * Replaces the library's output in `outdir` with `files`, which were all produced in memory first.
 * Files the library wrote on an earlier run (listed in `.cdk8s-mesh-files`) that are no longer produced
 * are removed; files it never wrote are left alone. Each file is written to a temporary name and renamed,
 * so a reader never sees half a file.
 */
export function replaceOutput(outdir: string, files: OutputFile[]): void {
  const root = path.resolve(outdir);
  const produced = new Set(files.map(f => f.path));
  fs.mkdirSync(root, { recursive: true });
  for (const file of files) {
    const target = path.join(root, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const staging = `${target}.cdk8s-mesh-${process.pid}.tmp`;
    fs.writeFileSync(staging, file.content, { encoding: 'utf8' });
    fs.renameSync(staging, target);
  }
  for (const stale of previouslyWritten(root).filter(p => !produced.has(p))) {
    const target = path.join(root, stale);
    if (!target.startsWith(root + path.sep)) continue;
    fs.rmSync(target, { force: true });
    removeEmptyDirs(path.dirname(target), root);
  }
  const listing = ['# Files written by cdk8s-mesh synth; stale ones are removed on the next run.', ...[...produced].sort()];
  fs.writeFileSync(path.join(root, WRITTEN_FILES_MANIFEST), listing.join('\n') + '\n', { encoding: 'utf8' });
}
