/** A label selector or a label set (`matchLabels`, pod labels). */
export type LabelMap = Readonly<Record<string, string>>;

/**
 * True if `labels` carries every key/value of `selector`, as Kubernetes and Istio match `matchLabels`:
 * an empty or absent selector selects everything; absent labels are no labels.
 */
export function selectsLabels(selector: LabelMap | undefined, labels: LabelMap | undefined): boolean {
  for (const [key, value] of Object.entries(selector ?? {})) if (labels?.[key] !== value) return false;
  return true;
}
