const SEGMENT = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/**
 * A workload locality: `region/zone/subzone`, as Istio reads it from
 * `topology.kubernetes.io/region`, `topology.kubernetes.io/zone` and `topology.istio.io/subzone`.
 */
export class Locality {
  /**
   * Parses `region`, `region/zone` or `region/zone/subzone`. Returns undefined if malformed.
   * @param text the locality string
   */
  public static tryParse(text: string): Locality | undefined {
    const parts = text.split('/');
    if (parts.length > 3 || parts.some(p => !SEGMENT.test(p))) return undefined;
    return new Locality(parts[0], parts[1], parts[2]);
  }

  /**
   * Parses a locality, throwing on malformed input.
   * @param text `region[/zone[/subzone]]`
   */
  public static of(text: string): Locality {
    const locality = Locality.tryParse(text);
    if (!locality) {
      throw new Error(`cdk8s-mesh: "${text}" is not a locality; expected region[/zone[/subzone]] (rule MESH-TOPO-005).`);
    }
    return locality;
  }

  private constructor(
    /** The region. */
    public readonly region: string,
    /** The zone, if any. */
    public readonly zone?: string,
    /** The subzone, if any. */
    public readonly subzone?: string,
  ) {}

  /** `region/zone/subzone` with missing parts left out. */
  public toString(): string {
    return [this.region, this.zone, this.subzone].filter(p => p !== undefined).join('/');
  }

  /** True if `other` lies inside this locality (same region, and same zone/subzone where this one sets them). */
  public contains(other: Locality): boolean {
    return this.region === other.region
      && (this.zone === undefined || this.zone === other.zone)
      && (this.subzone === undefined || this.subzone === other.subzone);
  }
}
