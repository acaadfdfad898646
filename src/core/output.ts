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
 * Writes the library's output into `outdir` one file at a time, so a caller can serialize a file, stage it and
 * release it before producing the next (no file is held in memory after `write`). Files are staged in a hidden
 * folder of the output directory and only `commit()` moves them into place; `abort()` removes them, leaving the
 * directory as it was (and absent if it did not exist). On commit, files the library wrote on an earlier run
 * (listed in `.cdk8s-mesh-files`) that are no longer produced are removed unless `keep` names them (the files of
 * clusters a selective synth did not write); files it never wrote are left alone. Each file is moved with a
 * rename, so a reader never sees half a file.
 */
export class OutputWriter {
  private readonly root: string;
  private readonly staging: string;
  private readonly created: boolean;
  private readonly staged: string[] = [];
  private readonly produced = new Set<string>();

  constructor(outdir: string) {
    this.root = path.resolve(outdir);
    this.created = !fs.existsSync(this.root);
    this.staging = path.join(this.root, `.cdk8s-mesh-staging-${process.pid}`);
  }

  /** Stages one file (a later file of the same path replaces it). */
  public write(file: OutputFile): void {
    const target = this.stagedPath(file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content, { encoding: 'utf8' });
    if (!this.produced.has(file.path)) this.staged.push(file.path);
    this.produced.add(file.path);
  }

  /** Moves every staged file into place, removes stale files (except those `keep` accepts) and writes the listing. */
  public commit(keep: (path: string) => boolean = () => false): void {
    for (const file of this.staged) {
      const target = path.join(this.root, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(this.stagedPath(file), target);
    }
    fs.rmSync(this.staging, { recursive: true, force: true });
    const kept: string[] = [];
    for (const stale of previouslyWritten(this.root).filter(p => !this.produced.has(p))) {
      const target = path.join(this.root, stale);
      if (!target.startsWith(this.root + path.sep)) continue;
      if (keep(stale)) {
        if (fs.existsSync(target)) kept.push(stale);
        continue;
      }
      fs.rmSync(target, { force: true });
      removeEmptyDirs(path.dirname(target), this.root);
    }
    const listing = ['# Files written by cdk8s-mesh synth; stale ones are removed on the next run.', ...[...this.produced, ...kept].sort()];
    fs.mkdirSync(this.root, { recursive: true });
    fs.writeFileSync(path.join(this.root, WRITTEN_FILES_MANIFEST), listing.join('\n') + '\n', { encoding: 'utf8' });
  }

  /** Removes every staged file; the output directory is left as it was. */
  public abort(): void {
    fs.rmSync(this.staging, { recursive: true, force: true });
    if (this.created) removeEmptyDirs(this.root, path.dirname(this.root));
  }

  private stagedPath(file: string): string {
    const target = path.join(this.staging, file);
    if (!target.startsWith(this.staging + path.sep)) throw new Error(`cdk8s-mesh: output path ${file} leaves the output directory.`);
    return target;
  }
}

/**
 * Replaces the library's output in `outdir` with `files`, which were all produced in memory first (see
 * `OutputWriter`, which this uses).
 */
export function replaceOutput(outdir: string, files: OutputFile[]): void {
  const writer = new OutputWriter(outdir);
  try {
    for (const file of files) writer.write(file);
    writer.commit();
  } catch (e) {
    writer.abort();
    throw e;
  }
}
