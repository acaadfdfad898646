/**
 * The reviewed list of `istioctl analyze` messages that `npm run verify` accepts on the examples
 * (scripts/verify/allowlist.yaml). Every entry names example, cluster, code and resource, and says why.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { AnalyzeMessage } from './istioctl';

export interface AllowlistEntry {
  /** Run name under dist/examples (e.g. `topologies/primary-remote`); `*` matches any run. */
  readonly example: string;
  /** Cluster name, `mesh` for the whole-mesh analysis, or `*`. */
  readonly cluster: string;
  /** The analyzer code, e.g. `IST0102`. */
  readonly code: string;
  /** The message's origin as istioctl prints it (e.g. `Namespace sample`), `*` for any, `-` for none. */
  readonly resource: string;
  readonly reason: string;
}

export const ALLOWLIST_FILE = path.join(__dirname, 'allowlist.yaml');

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(p => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

export class Allowlist {
  public static load(file = ALLOWLIST_FILE): Allowlist {
    const entries = (yaml.load(fs.readFileSync(file, 'utf8')) as AllowlistEntry[] | null) ?? [];
    const problems = entries.flatMap((e, i) => (['example', 'cluster', 'code', 'resource', 'reason'] as const)
      .filter(key => typeof e[key] !== 'string' || e[key].trim() === '')
      .map(key => `${path.basename(file)} entry ${i + 1}: "${key}" is required`));
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return new Allowlist(entries);
  }

  private readonly used = new Set<AllowlistEntry>();

  private constructor(public readonly entries: readonly AllowlistEntry[]) {}

  /** The entry that accepts this message, if any (Errors are never accepted). */
  public match(example: string, cluster: string, message: AnalyzeMessage): AllowlistEntry | undefined {
    if (message.level === 'Error') return undefined;
    const entry = this.entries.find(e => glob(e.example).test(example) && glob(e.cluster).test(cluster)
      && e.code === message.code && glob(e.resource).test(message.origin ?? '-'));
    if (entry) this.used.add(entry);
    return entry;
  }

  /** Entries no message matched: stale, to be removed. */
  public unused(): AllowlistEntry[] {
    return this.entries.filter(e => !this.used.has(e));
  }
}
