import * as yaml from 'js-yaml';
import { Synthesized } from '../util';

/** A parsed single-document install artifact. */
export function artifact(out: Synthesized, file: string): any {
  return yaml.load(out.text(file));
}

/** Parsed documents of a multi-document artifact. */
export function artifacts(out: Synthesized, file: string): any[] {
  return (yaml.loadAll(out.text(file)) as any[]).filter(d => d !== null && d !== undefined);
}
