/**
 * An Istio release the mesh runs. Decides which API versions are emitted.
 */
export class IstioVersion {
  public static readonly V1_22 = new IstioVersion(1, 22);
  public static readonly V1_23 = new IstioVersion(1, 23);
  public static readonly V1_24 = new IstioVersion(1, 24);
  public static readonly V1_25 = new IstioVersion(1, 25);
  public static readonly V1_26 = new IstioVersion(1, 26);
  public static readonly V1_27 = new IstioVersion(1, 27);
  public static readonly V1_28 = new IstioVersion(1, 28);
  public static readonly V1_29 = new IstioVersion(1, 29);
  public static readonly V1_30 = new IstioVersion(1, 30);
  public static readonly V1_31 = new IstioVersion(1, 31);

  /** The oldest supported release. */
  public static readonly MINIMUM = IstioVersion.V1_22;
  /** The newest supported release. */
  public static readonly MAXIMUM = IstioVersion.V1_31;

  /**
   * Parses `1.30`, `1.30.3` or `v1.30.3`.
   * @param version the version string
   */
  public static of(version: string): IstioVersion {
    const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version.trim());
    if (!m) {
      throw new Error(`cdk8s-mesh: "${version}" is not an Istio version; expected e.g. "1.30" or "1.30.3".`);
    }
    return new IstioVersion(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  }

  private constructor(
    /** Major version. */
    public readonly major: number,
    /** Minor version. */
    public readonly minor: number,
    /** Patch version, if pinned. */
    public readonly patch?: number,
  ) {}

  /** `1.30` or `1.30.3`. */
  public toString(): string {
    return this.patch === undefined ? `${this.major}.${this.minor}` : `${this.major}.${this.minor}.${this.patch}`;
  }

  /** The version with dashes, as revisions spell it: `1-30` or `1-30-3`. */
  public get dashed(): string {
    return this.toString().replace(/\./g, '-');
  }

  /** True if this release is at least `major.minor`. */
  public isAtLeast(major: number, minor: number): boolean {
    return this.major > major || (this.major === major && this.minor >= minor);
  }

  /** True if the library supports this release. */
  public get isSupported(): boolean {
    return this.isAtLeast(IstioVersion.MINIMUM.major, IstioVersion.MINIMUM.minor)
      && !this.isAtLeast(IstioVersion.MAXIMUM.major, IstioVersion.MAXIMUM.minor + 1);
  }

  /**
   * The API version this release serves for an Istio kind, e.g. `networking.istio.io/v1`.
   * @param kind the Istio kind, e.g. `VirtualService`
   */
  public apiVersionFor(kind: string): string {
    const entry = API_VERSIONS[kind];
    if (!entry) {
      throw new Error(`cdk8s-mesh: no API version known for Istio kind "${kind}".`);
    }
    return `${entry.group}/${entry.version}`;
  }
}

/** Served API versions per kind for Istio 1.22 and later (v1 became available for these kinds in 1.22). */
const API_VERSIONS: Record<string, { group: string; version: string }> = {
  VirtualService: { group: 'networking.istio.io', version: 'v1' },
  DestinationRule: { group: 'networking.istio.io', version: 'v1' },
  Gateway: { group: 'networking.istio.io', version: 'v1' },
  ServiceEntry: { group: 'networking.istio.io', version: 'v1' },
  Sidecar: { group: 'networking.istio.io', version: 'v1' },
  WorkloadEntry: { group: 'networking.istio.io', version: 'v1' },
  WorkloadGroup: { group: 'networking.istio.io', version: 'v1' },
  EnvoyFilter: { group: 'networking.istio.io', version: 'v1alpha3' },
  ProxyConfig: { group: 'networking.istio.io', version: 'v1beta1' },
  AuthorizationPolicy: { group: 'security.istio.io', version: 'v1' },
  PeerAuthentication: { group: 'security.istio.io', version: 'v1' },
  RequestAuthentication: { group: 'security.istio.io', version: 'v1' },
  Telemetry: { group: 'telemetry.istio.io', version: 'v1' },
  WasmPlugin: { group: 'extensions.istio.io', version: 'v1alpha1' },
};
