import { Construct } from 'constructs';
import { Condition, ConditionKey } from './condition';
import { Identity } from './identity';
import { PolicyTargetOptions } from './policy-target';
import { SecurityRegistry } from './registry';
import { TargetedPolicy } from './targeted-policy';
import type { Waypoint } from '../gateways/waypoint';
import * as istio from '../imports/security.istio.io';
import { ExtensionProvider, ExtensionProviderKind } from '../observability/extension-provider';
import { ExtensionProviderRegistry } from '../observability/provider-registry';
import { MeshSettings } from '../operations/mesh-config';
import { checkInit } from '../validation/input/check';
import { AmbientRules } from '../validation/rules/ambient';
import { SecurityRules } from '../validation/rules/security';
import type { MeshService } from '../workloads/mesh-service';
import { Protocols } from '../workloads/protocol';

/**
 * What an authorization policy does with matching requests.
 */
export enum AuthorizationAction {
  /** Allow matching requests; once any ALLOW policy applies, everything else is denied. */
  ALLOW = 'ALLOW',
  /** Deny matching requests (evaluated before ALLOW). */
  DENY = 'DENY',
  /** Audit matching requests (needs an audit plugin). */
  AUDIT = 'AUDIT',
  /** Delegate matching requests to an ext_authz extension provider. */
  CUSTOM = 'CUSTOM',
}

/**
 * Who sends a request (`rules[].from[].source`). Fields are AND-ed; values within a field are OR-ed.
 */
export interface RequestSource {
  /**
   * Peer identities, as principals derived with the mesh trust domain. Needs mTLS.
   * @default - any
   */
  readonly identities?: Identity[];
  /**
   * Peer identities that must not match.
   * @default - none
   */
  readonly notIdentities?: Identity[];
  /**
   * Raw peer principals, e.g. `cluster.local/ns/default/sa/productpage`. Prefer `identities`. Needs mTLS.
   * @default - any
   */
  readonly principals?: string[];
  /**
   * Raw peer principals that must not match.
   * @default - none
   */
  readonly notPrincipals?: string[];
  /**
   * JWT principals `<iss>/<sub>`; `*` means any valid token. Needs a RequestAuthentication. HTTP only.
   * @default - any
   */
  readonly requestPrincipals?: string[];
  /**
   * JWT principals that must not match; `*` matches requests without a token.
   * @default - none
   */
  readonly notRequestPrincipals?: string[];
  /**
   * Peer namespaces. Needs mTLS.
   * @default - any
   */
  readonly namespaces?: string[];
  /**
   * Peer namespaces that must not match.
   * @default - none
   */
  readonly notNamespaces?: string[];
  /**
   * Source IPs or CIDRs of the connection.
   * @default - any
   */
  readonly ipBlocks?: string[];
  /**
   * Source IPs or CIDRs that must not match.
   * @default - none
   */
  readonly notIpBlocks?: string[];
  /**
   * Client IPs or CIDRs from X-Forwarded-For or PROXY protocol. Needs numTrustedProxies.
   * @default - any
   */
  readonly remoteIpBlocks?: string[];
  /**
   * Client IPs or CIDRs that must not match.
   * @default - none
   */
  readonly notRemoteIpBlocks?: string[];
}

/**
 * What a request does (`rules[].to[].operation`). Fields are AND-ed; values within a field are OR-ed.
 */
export interface RequestOperation {
  /**
   * Hosts (case-insensitive, `*` prefix or suffix). HTTP only.
   * @default - any
   */
  readonly hosts?: string[];
  /**
   * Hosts that must not match. HTTP only.
   * @default - none
   */
  readonly notHosts?: string[];
  /**
   * Ports: service ports of the target MeshService (emitted as target ports), or container ports.
   * @default - any
   */
  readonly ports?: number[];
  /**
   * Ports that must not match (same resolution as `ports`).
   * @default - none
   */
  readonly notPorts?: number[];
  /**
   * HTTP methods, e.g. `GET`; always `POST` for gRPC. HTTP only.
   * @default - any
   */
  readonly methods?: string[];
  /**
   * HTTP methods that must not match. HTTP only.
   * @default - none
   */
  readonly notMethods?: string[];
  /**
   * Paths (`*` prefix or suffix); `/package.service/method` for gRPC. HTTP only.
   * @default - any
   */
  readonly paths?: string[];
  /**
   * Paths that must not match. HTTP only.
   * @default - none
   */
  readonly notPaths?: string[];
}

/**
 * One rule: a request matches if it matches any source, any operation and every condition.
 */
export interface AuthorizationRule {
  /**
   * Sources (OR-ed).
   * @default - any source
   */
  readonly sources?: RequestSource[];
  /**
   * Operations (OR-ed).
   * @default - any operation
   */
  readonly operations?: RequestOperation[];
  /**
   * Conditions (AND-ed).
   * @default - none
   */
  readonly when?: Condition[];
}

/**
 * Props of an `AuthorizationPolicy`.
 */
export interface AuthorizationPolicyProps extends PolicyTargetOptions {
  /**
   * The action.
   * @default AuthorizationAction.ALLOW
   */
  readonly action?: AuthorizationAction;
  /**
   * The ext_authz provider of a CUSTOM policy, declared on the mesh.
   * @default - none
   */
  readonly provider?: ExtensionProvider;
  /**
   * The rules. An ALLOW policy without rules allows nothing.
   * @default - none
   */
  readonly rules?: AuthorizationRule[];
  /**
   * Ambient mode: attach the policy to a waypoint (`targetRefs` to its Gateway), which enforces L7 attributes. The
   * policy lives in the waypoint's namespace and takes no `workload` or `selector`.
   * @default - no waypoint: sidecars enforce the policy, or ztunnel (L4 attributes only, MESH-AMB-004) in ambient namespaces
   */
  readonly waypoint?: Waypoint;
  /**
   * Ambient mode: attach the policy to a service (`targetRefs` kind Service), enforced by the waypoint the service or
   * its namespace uses (`istio.io/use-waypoint`), as Istio's ambient getting-started guide does. The policy lives in
   * the service's namespace and takes no `workload` or `selector`.
   * @default - no service attachment
   */
  readonly targetService?: MeshService;
}

const HTTP_OPERATION_FIELDS: Array<keyof RequestOperation> = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];

/**
 * Access control on workloads (Istio `AuthorizationPolicy`): ALLOW, DENY, AUDIT or CUSTOM, mesh-wide,
 * per namespace or per workload. Principals are derived from identities with the mesh trust domain.
 */
export class AuthorizationPolicy extends TargetedPolicy {
  /** The action. */
  public readonly action: AuthorizationAction;
  /** The provider of a CUSTOM policy. */
  public readonly provider?: ExtensionProvider;
  private readonly ruleList: AuthorizationRule[] = [];
  private spec?: istio.AuthorizationPolicySpec;

  constructor(scope: Construct, id: string, props: AuthorizationPolicyProps = {}) {
    checkInit('cdk8s-mesh.AuthorizationPolicy', new.target, [scope, id, props]);
    super(scope, id, props, props.waypoint, props.targetService);
    this.action = props.action ?? AuthorizationAction.ALLOW;
    this.provider = props.provider;
    for (const rule of props.rules ?? []) this.addRule(rule);
    this.checkProvider();
    SecurityRegistry.of(this.mesh).addAuthorizationPolicy(this);
    this.mesh._onSynth(this, () => this.render(), () => this._target.checkServiceWaypoint());
  }

  /** The rules, in order. */
  public get rules(): AuthorizationRule[] {
    return [...this.ruleList];
  }

  /**
   * Adds a rule.
   * @param rule the rule
   */
  public addRule(rule: AuthorizationRule): void {
    if (this.spec) throw new Error('cdk8s-mesh: add rules before synthesis.');
    this.ruleList.push(rule);
  }

  /** True if a rule matches on peer identity (principals, namespaces or mTLS-derived conditions). */
  public get matchesPeerIdentity(): boolean {
    const peerFields = (s: RequestSource) => [s.identities, s.notIdentities, s.principals, s.notPrincipals, s.namespaces, s.notNamespaces];
    return this.ruleList.some(r => (r.sources ?? []).some(s => peerFields(s).some(nonEmpty)) || (r.when ?? []).some(c => c.key.requiresMtls));
  }

  /** True if a rule matches on the request's JWT (request principals or request.auth.* conditions). */
  public get matchesRequestToken(): boolean {
    return this.ruleList.some(r => (r.sources ?? []).some(s => nonEmpty(s.requestPrincipals) || nonEmpty(s.notRequestPrincipals))
      || (r.when ?? []).some(c => c.key.key.startsWith('request.auth.')));
  }

  private toSpec(): istio.AuthorizationPolicySpec {
    this.spec ??= this.buildSpec();
    return this.spec;
  }

  private render(): void {
    const spec = this.toSpec();
    for (const cluster of this.clusters) {
      new istio.AuthorizationPolicy(cluster.scopeFor(this), 'AuthorizationPolicy', { metadata: this._target.metadata, spec });
    }
  }

  private buildSpec(): istio.AuthorizationPolicySpec {
    this.checkRules();
    return {
      selector: this._target.selector && !this._target.attachment ? { matchLabels: this._target.selector } : undefined,
      targetRefs: this._target.targetRefs,
      action: this.action as string as istio.AuthorizationPolicySpecAction,
      provider: this.provider ? { name: this.provider.name } : undefined,
      rules: this.ruleList.length ? this.ruleList.map(r => this.renderRule(r)) : undefined,
    };
  }

  private renderRule(rule: AuthorizationRule): istio.AuthorizationPolicySpecRules {
    return {
      from: rule.sources?.map(s => ({ source: this.renderSource(s) })),
      to: rule.operations?.map(o => ({ operation: this.renderOperation(o) })),
      when: rule.when?.map(c => ({ key: c.key.key, values: c.values, notValues: c.notValues })),
    };
  }

  private renderSource(s: RequestSource): istio.AuthorizationPolicySpecRulesFromSource {
    const principals = (ids?: Identity[], raw?: string[]) => orUndefined([...(ids ?? []).map(i => i.principalIn(this.mesh)), ...(raw ?? [])]);
    return {
      principals: principals(s.identities, s.principals),
      notPrincipals: principals(s.notIdentities, s.notPrincipals),
      requestPrincipals: s.requestPrincipals,
      notRequestPrincipals: s.notRequestPrincipals,
      namespaces: s.namespaces,
      notNamespaces: s.notNamespaces,
      ipBlocks: s.ipBlocks,
      notIpBlocks: s.notIpBlocks,
      remoteIpBlocks: s.remoteIpBlocks,
      notRemoteIpBlocks: s.notRemoteIpBlocks,
    };
  }

  private renderOperation(o: RequestOperation): istio.AuthorizationPolicySpecRulesToOperation {
    const ports = (list?: number[]) => orUndefined((list ?? [])
      .map(p => this._target.targetPort(p))
      .filter((p): p is number => p !== undefined)
      .map(String));
    return {
      hosts: o.hosts,
      notHosts: o.notHosts,
      ports: ports(o.ports),
      notPorts: ports(o.notPorts),
      methods: o.methods,
      notMethods: o.notMethods,
      paths: o.paths,
      notPaths: o.notPaths,
    };
  }

  private checkProvider(): void {
    if (this.action === AuthorizationAction.CUSTOM) {
      const declared = this.provider !== undefined && ExtensionProviderRegistry.of(this.mesh).has(this.provider);
      const ok = declared && this.provider?.kind === ExtensionProviderKind.AUTHORIZATION;
      if (!ok) this.mesh.report(SecurityRules.CUSTOM_WITHOUT_PROVIDER, this, this.provider?.name);
    } else if (this.provider) {
      this.mesh.report(SecurityRules.PROVIDER_WITHOUT_CUSTOM, this, this.action);
    }
  }

  /** Checks that need only this policy: ports, remote IPs, trust domains, HTTP-only fields on TCP. */
  private checkRules(): void {
    for (const rule of this.ruleList) {
      for (const source of rule.sources ?? []) {
        if ((nonEmpty(source.remoteIpBlocks) || nonEmpty(source.notRemoteIpBlocks)) && !this.hasTrustedProxies) {
          const blocks = [...source.remoteIpBlocks ?? [], ...source.notRemoteIpBlocks ?? []];
          this.mesh.report(SecurityRules.REMOTE_IP_WITHOUT_TRUSTED_PROXIES, this, blocks);
        }
        for (const principal of [...source.principals ?? [], ...source.notPrincipals ?? []]) {
          const domain = principal.split('/ns/')[0];
          if (principal.includes('/ns/') && domain !== '*' && domain !== this.mesh.trustDomain) {
            this.mesh.report(SecurityRules.FOREIGN_TRUST_DOMAIN, this, principal, `The mesh trust domain is "${this.mesh.trustDomain}".`);
          }
        }
      }
      for (const condition of rule.when ?? []) this.checkCondition(condition);
      for (const op of rule.operations ?? []) {
        for (const port of [...op.ports ?? [], ...op.notPorts ?? []]) {
          if (!isPort(String(port))) this.mesh.report(SecurityRules.PORT_OUT_OF_RANGE, this, port);
        }
      }
      const httpField = this.httpOnlyField(rule);
      if (httpField && this.targetsOnlyTcp(rule)) {
        this.mesh.report(SecurityRules.HTTP_FIELDS_ON_TCP, this, httpField);
      } else if (httpField && this._target.enforcedByZtunnelOnly) {
        const where = this.namespaceName === this.mesh.rootNamespace ? 'The mesh data plane' : `Namespace "${this.namespaceName}"`;
        this.mesh.report(AmbientRules.L7_POLICY_ON_ZTUNNEL, this, httpField, `${where} is ambient and the policy has no waypoint.`);
      }
    }
  }

  private checkCondition(condition: Condition): void {
    if (condition.key === ConditionKey.REMOTE_IP && !this.hasTrustedProxies) {
      this.mesh.report(SecurityRules.REMOTE_IP_WITHOUT_TRUSTED_PROXIES, this, condition.key.key);
    }
    if (condition.key === ConditionKey.DESTINATION_PORT) {
      for (const value of [...condition.values ?? [], ...condition.notValues ?? []]) {
        if (!isPort(value)) this.mesh.report(SecurityRules.PORT_OUT_OF_RANGE, this, value);
      }
    }
  }

  private get hasTrustedProxies(): boolean {
    return (MeshSettings.of(this.mesh).options.numTrustedProxies ?? 0) > 0;
  }

  /** The first HTTP-only field a rule uses, e.g. `operations.methods` or `when.request.headers[x]`. */
  private httpOnlyField(rule: AuthorizationRule): string | undefined {
    for (const op of rule.operations ?? []) {
      const field = HTTP_OPERATION_FIELDS.find(f => nonEmpty(op[f] as string[] | undefined));
      if (field) return `operations.${field}`;
    }
    for (const s of rule.sources ?? []) {
      if (nonEmpty(s.requestPrincipals)) return 'sources.requestPrincipals';
      if (nonEmpty(s.notRequestPrincipals)) return 'sources.notRequestPrincipals';
    }
    const condition = (rule.when ?? []).find(c => c.key.httpOnly);
    return condition ? `when.${condition.key.key}` : undefined;
  }

  /** True if the rule's ports on the target mesh service are all non-HTTP. */
  private targetsOnlyTcp(rule: AuthorizationRule): boolean {
    const ports = this._target.servicePorts;
    if (!ports || !ports.length) return false;
    const named = new Set((rule.operations ?? []).flatMap(o => o.ports ?? []));
    const considered = named.size ? ports.filter(p => named.has(p.port)) : ports;
    return considered.length > 0 && considered.every(p => !Protocols.isHttp(p.protocol));
  }
}

function nonEmpty(list?: unknown[]): boolean {
  return list !== undefined && list.length > 0;
}

function orUndefined<T>(list: T[]): T[] | undefined {
  return list.length ? list : undefined;
}

function isPort(value: string): boolean {
  return /^\d+$/.test(value) && Number(value) <= 65535;
}
