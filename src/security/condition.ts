/**
 * A typed attribute for AuthorizationPolicy `when` conditions (the DCE condition table).
 */
export class ConditionKey {
  /** `source.ip`: the packet's source IP or CIDR (HTTP and TCP). */
  public static readonly SOURCE_IP = new ConditionKey('source.ip', false, false);
  /** `remote.ip`: the client IP from X-Forwarded-For or PROXY protocol; needs numTrustedProxies (HTTP and TCP). */
  public static readonly REMOTE_IP = new ConditionKey('remote.ip', false, false);
  /** `source.namespace`: the peer's namespace; needs mTLS (HTTP and TCP). */
  public static readonly SOURCE_NAMESPACE = new ConditionKey('source.namespace', false, true);
  /** `source.principal`: the peer's identity; needs mTLS (HTTP and TCP). */
  public static readonly SOURCE_PRINCIPAL = new ConditionKey('source.principal', false, true);
  /** `request.auth.principal`: `<iss>/<sub>` of the JWT (HTTP only). */
  public static readonly REQUEST_AUTH_PRINCIPAL = new ConditionKey('request.auth.principal', true, false);
  /** `request.auth.audiences`: the JWT audiences (HTTP only). */
  public static readonly REQUEST_AUTH_AUDIENCES = new ConditionKey('request.auth.audiences', true, false);
  /** `request.auth.presenter`: the JWT authorized presenter (HTTP only). */
  public static readonly REQUEST_AUTH_PRESENTER = new ConditionKey('request.auth.presenter', true, false);
  /** `destination.ip`: the destination IP or CIDR (HTTP and TCP). */
  public static readonly DESTINATION_IP = new ConditionKey('destination.ip', false, false);
  /** `destination.port`: the destination port, 0 to 65535 (HTTP and TCP). */
  public static readonly DESTINATION_PORT = new ConditionKey('destination.port', false, false);
  /** `connection.sni`: the server name of the TLS connection; needs mTLS (HTTP and TCP). */
  public static readonly CONNECTION_SNI = new ConditionKey('connection.sni', false, true);

  /**
   * `request.headers[<name>]` (HTTP only).
   * @param name the header name
   */
  public static requestHeader(name: string): ConditionKey {
    return new ConditionKey(`request.headers[${name}]`, true, false);
  }

  /**
   * `request.auth.claims[<claim>]`; nested claims are joined with `][` (HTTP only).
   * @param claims the claim path, e.g. `['groups']` or `['nested', 'key']`
   */
  public static requestAuthClaim(...claims: string[]): ConditionKey {
    return new ConditionKey(`request.auth.claims[${claims.join('][')}]`, true, false);
  }

  /**
   * `experimental.envoy.filters.<filter>[<field>]`: no backward-compatibility guarantee (HTTP and TCP).
   * @param filter e.g. `network.mysql_proxy`
   * @param field e.g. `db.table`
   */
  public static experimentalEnvoyFilter(filter: string, field: string): ConditionKey {
    return new ConditionKey(`experimental.envoy.filters.${filter}[${field}]`, false, false);
  }

  private constructor(
    /** The attribute as Istio spells it. */
    public readonly key: string,
    /** True if it only exists on HTTP traffic. */
    public readonly httpOnly: boolean,
    /** True if it is derived from the peer's mTLS certificate. */
    public readonly requiresMtls: boolean,
  ) {}
}

/**
 * One `when` condition: the attribute matches one of `values` and none of `notValues`.
 */
export interface Condition {
  /** The attribute. */
  readonly key: ConditionKey;
  /**
   * Values that match (OR).
   * @default - any value
   */
  readonly values?: string[];
  /**
   * Values that must not match.
   * @default - none
   */
  readonly notValues?: string[];
}
