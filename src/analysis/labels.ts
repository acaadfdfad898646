/** Label selection as Kubernetes and Istio do it (`matchLabels` only; an empty selector selects everything). */
import { selectsLabels } from '../core/labels';


/** True if every pod `narrow` selects is also selected by `wide` (wide's labels are a subset of narrow's). */
export function covers(wide: Readonly<Record<string, string>>, narrow: Readonly<Record<string, string>>): boolean {
  return selectsLabels(wide, narrow);
}

/** `key=value,...` in key order, the way istioctl prints selectors. */
export function selectorText(selector: Readonly<Record<string, string>>): string {
  return Object.keys(selector).sort().map(k => `${k}=${selector[k]}`).join(',');
}
