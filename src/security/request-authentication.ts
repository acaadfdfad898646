import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AuthorizationAction, AuthorizationPolicy } from './authorization-policy';
import { PolicyTargetOptions } from './policy-target';
import { SecurityRegistry } from './registry';
import { TargetedPolicy } from './targeted-policy';
import { JsonObject, jsonObjects } from '../core/json';
import * as istio from '../imports/security.istio.io';
import { checkInit } from '../validation/input/check';
import { SecurityRules } from '../validation/rules/security';

/**
 * A request header that carries the token.
 */
export interface JwtHeader {
  /** The header name, e.g. `Authorization`. */
  readonly name: string;
  /**
   * The prefix stripped before decoding, e.g. `Bearer `.
   * @default - none
   */
  readonly prefix?: string;
}

/**
 * A claim copied to a request header once the token is verified.
 */
export interface JwtClaimToHeader {
  /** The claim, e.g. `sub`. */
  readonly claim: string;
  /** The header to create. */
  readonly header: string;
}

/**
 * One accepted JWT issuer (`jwtRules[]`).
 */
export interface JwtRule {
  /** The issuer (`iss`). */
  readonly issuer: string;
  /**
   * Accepted audiences.
   * @default - any; Istio then accepts the service name
   */
  readonly audiences?: string[];
  /**
   * The URL of the issuer's public keys. Exactly one of `jwksUri` and `jwks` (MESH-SEC-015).
   * @default - none
   */
  readonly jwksUri?: string;
  /**
   * The public keys inline, as a JWKS JSON document.
   * @default - none
   */
  readonly jwks?: string;
  /**
   * Headers the token is read from.
   * @default - `Authorization: Bearer <token>` when no location is given
   */
  readonly fromHeaders?: JwtHeader[];
  /**
   * Query parameters the token is read from.
   * @default - none
   */
  readonly fromParams?: string[];
  /**
   * Cookies the token is read from.
   * @default - none
   */
  readonly fromCookies?: string[];
  /**
   * Keep the token on the request sent upstream.
   * @default false
   */
  readonly forwardOriginalToken?: boolean;
  /**
   * A header to receive the verified payload (base64url JSON).
   * @default - none
   */
  readonly outputPayloadToHeader?: string;
  /**
   * Claims copied to headers.
   * @default - none
   */
  readonly outputClaimToHeaders?: JwtClaimToHeader[];
}

/**
 * Props of a `RequestAuthentication`.
 */
export interface RequestAuthenticationProps extends PolicyTargetOptions {
  /** The accepted issuers. */
  readonly jwtRules: JwtRule[];
}

/**
 * Options of `requireJwt()`.
 */
export interface RequireJwtOptions {
  /**
   * The name of the emitted AuthorizationPolicy.
   * @default `<name>-require-jwt`
   */
  readonly name?: string;
}

/**
 * JWT validation (Istio `RequestAuthentication`). It only rejects invalid tokens; call `requireJwt()` to
 * also reject requests without one.
 */
export class RequestAuthentication extends TargetedPolicy {
  private readonly props: RequestAuthenticationProps;

  constructor(scope: Construct, id: string, props: RequestAuthenticationProps) {
    checkInit('cdk8s-mesh.RequestAuthentication', new.target, [scope, id, props]);
    super(scope, id, props);
    this.props = props;
    this.checkRules();
    SecurityRegistry.of(this.mesh).addRequestAuthentication(this);
    this.mesh._onSynth(this, () => this.render());
  }

  /**
   * Emits the AuthorizationPolicy that rejects requests without a valid token on the same workloads
   * (DENY when `notRequestPrincipals: ["*"]`), in the same clusters.
   * @param options the policy name
   */
  public requireJwt(options: RequireJwtOptions = {}): AuthorizationPolicy {
    return new AuthorizationPolicy(this, 'require-jwt', {
      name: options.name ?? `${this.name}-require-jwt`,
      workload: this.props.workload,
      selector: this.props.selector,
      namespaceName: this.props.namespaceName,
      clusters: this.props.clusters,
      action: AuthorizationAction.DENY,
      rules: [{ sources: [{ notRequestPrincipals: ['*'] }] }],
    });
  }

  private checkRules(): void {
    const seen = new Set<string>();
    for (const rule of this.props.jwtRules) {
      if ((rule.jwksUri === undefined) === (rule.jwks === undefined)) {
        this.mesh.report(SecurityRules.JWKS_AND_JWKS_URI, this, rule.issuer);
      }
      for (const location of tokenLocations(rule)) {
        if (seen.has(location)) this.mesh.report(SecurityRules.DUPLICATE_TOKEN_LOCATION, this, location);
        seen.add(location);
      }
    }
  }

  private render(): void {
    const spec: istio.RequestAuthenticationSpec = {
      selector: this._target.selector ? { matchLabels: this._target.selector } : undefined,
      jwtRules: this.props.jwtRules.map(r => ({
        issuer: r.issuer,
        audiences: r.audiences,
        jwks: r.jwks,
        fromHeaders: r.fromHeaders?.map(h => ({ name: h.name, prefix: h.prefix })),
        fromParams: r.fromParams,
        fromCookies: r.fromCookies,
        forwardOriginalToken: r.forwardOriginalToken,
        outputPayloadToHeader: r.outputPayloadToHeader,
        outputClaimToHeaders: r.outputClaimToHeaders?.map(c => ({ claim: c.claim, header: c.header })),
      })),
    };
    // The binding spells it `jwks_uri`; Istio's docs and the seeds use the JSON name `jwksUri` (the CRD takes both).
    const rendered: JsonObject = istio.toJson_RequestAuthenticationSpec(spec) ?? {};
    const uris = this.props.jwtRules.map(r => r.jwksUri);
    const jwtRules = jsonObjects(rendered, 'jwtRules').map((rule, i) => (uris[i] === undefined ? rule : { ...rule, jwksUri: uris[i] }));
    const json: JsonObject = { ...rendered, jwtRules };
    for (const cluster of this.clusters) {
      new ApiObject(cluster.scopeFor(this), 'RequestAuthentication', { ...istio.RequestAuthentication.GVK, metadata: this._target.metadata, spec: json });
    }
  }
}

/** Where a rule explicitly reads its token, one key per location. */
function tokenLocations(rule: JwtRule): string[] {
  const headers = (rule.fromHeaders ?? []).map(h => `header:${h.name.toLowerCase()}`);
  const params = (rule.fromParams ?? []).map(p => `param:${p}`);
  const cookies = (rule.fromCookies ?? []).map(c => `cookie:${c}`);
  return [...headers, ...params, ...cookies];
}
