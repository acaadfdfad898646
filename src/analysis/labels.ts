/** Label selection as Kubernetes and Istio do it (`matchLabels` only; an empty selector selects everything). */

/** True if `labels` carries every key/value of `selector`. */
export function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector)) if (labels[key] !== value) return false;
  return true;
}

/** True if every pod `narrow` selects is also selected by `wide` (wide's labels are a subset of narrow's). */
export function covers(wide: Readonly<Record<string, string>>, narrow: Readonly<Record<string, string>>): boolean {
  return selects(wide, narrow);
}

/** `key=value,...` in key order, the way istioctl prints selectors. */
export function selectorText(selector: Readonly<Record<string, string>>): string {
  return Object.keys(selector).sort().map(k => `${k}=${selector[k]}`).join(',');
}
