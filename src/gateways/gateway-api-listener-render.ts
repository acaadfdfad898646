import type { GatewayServer } from './gateway-listener';
import {
  GatewaySpec, GatewaySpecListeners, GatewaySpecListenersAllowedRoutes, GatewaySpecListenersAllowedRoutesNamespacesFrom,
  GatewaySpecListenersTlsMode, ReferenceGrantSpec,
} from '../imports/gateway.networking.k8s.io';

/** A server setting the Gateway API cannot express, by its field under the server. */
export interface ListenerGap {
  readonly field: string;
  readonly value: unknown;
  readonly detail?: string;
}

/** What a Gateway API `Gateway` of a listener construct declares. */
export interface GatewayApiGatewayModel {
  /** The `Gateway` namespace. */
  readonly namespace: string;
  /** The namespace of the gateway pods, where `credentialName` secrets live. */
  readonly workloadNamespace: string;
  /** The gateway Service host for manual deployment (`spec.addresses`), or undefined for Istio's automated deployment. */
  readonly serviceHost?: string;
  readonly servers: GatewayServer[];
  /** True when the listener targets one cluster of several (the Istio `Gateway` selects pods by cluster label). */
  readonly clusterSpecific: boolean;
  portName(server: GatewayServer): string;
}

const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);
const TERMINATE = new Set(['SIMPLE']);
const SELECTOR_LABEL = 'kubernetes.io/metadata.name';

function allowedRoutesOf(server: GatewayServer, host: string): GatewaySpecListenersAllowedRoutes {
  const explicit = server.allowedRoutes;
  const kinds = explicit?.kinds?.map(kind => ({ kind: kind as string }));
  const selected = (names: string[]) => ({
    from: GatewaySpecListenersAllowedRoutesNamespacesFrom.SELECTOR,
    selector: names.length === 1
      ? { matchLabels: { [SELECTOR_LABEL]: names[0] } }
      : { matchExpressions: [{ key: SELECTOR_LABEL, operator: 'In', values: [...names].sort() }] },
  });
  if (explicit?.namespaceNames?.length) return { namespaces: selected(explicit.namespaceNames), kinds };
  if (explicit?.namespaces) return { namespaces: { from: explicit.namespaces as string as GatewaySpecListenersAllowedRoutesNamespacesFrom }, kinds };
  const slash = host.indexOf('/');
  const prefix = slash >= 0 ? host.slice(0, slash) : '*';
  if (prefix === '.') return { namespaces: { from: GatewaySpecListenersAllowedRoutesNamespacesFrom.SAME }, kinds };
  if (prefix === '*') return { namespaces: { from: GatewaySpecListenersAllowedRoutesNamespacesFrom.ALL }, kinds };
  return { namespaces: selected([prefix]), kinds };
}

/** The `Gateway` of a listener construct (class `istio`), its ReferenceGrant for secrets in the pods' namespace, and what it cannot express. */
export function renderGatewayApiGateway(m: GatewayApiGatewayModel): { spec: GatewaySpec; secretGrant?: ReferenceGrantSpec; gaps: ListenerGap[] } {
  const gaps: ListenerGap[] = [];
  const secrets = new Set<string>();
  if (m.clusterSpecific) {
    gaps.push({ field: 'clusters', value: 'one cluster of several', detail: 'A Gateway API Gateway has no pod selector to limit it to one cluster\'s gateway pods.' });
  }
  const listeners = m.servers.flatMap((server, i): GatewaySpecListeners[] => {
    const where = `servers[${i}]`;
    const protocol = server.protocol.toUpperCase();
    const tls = server.tls;
    if (server.httpsRedirect) gaps.push({ field: `${where}/httpsRedirect`, value: true, detail: 'Use an HTTP route with `redirect: { scheme: \'https\' }` on this listener instead.' });
    for (const field of ['minProtocolVersion', 'maxProtocolVersion', 'subjectAltNames'] as const) {
      if (tls?.[field] !== undefined) gaps.push({ field: `${where}/tls/${field}`, value: tls[field] });
    }
    let gwProtocol: string;
    let mode: GatewaySpecListenersTlsMode | undefined;
    if (tls && !TERMINATE.has(tls.mode) && tls.mode !== 'PASSTHROUGH') {
      gaps.push({ field: `${where}/tls/mode`, value: tls.mode, detail: 'Gateway API listeners terminate TLS (SIMPLE) or pass it through (PASSTHROUGH).' });
    }
    if (tls?.mode === 'PASSTHROUGH') {
      gwProtocol = 'TLS';
      mode = GatewaySpecListenersTlsMode.PASSTHROUGH;
    } else if (protocol === 'HTTPS' || protocol === 'TLS') {
      gwProtocol = protocol;
      mode = GatewaySpecListenersTlsMode.TERMINATE;
    } else if (HTTP_PROTOCOLS.has(protocol)) {
      gwProtocol = 'HTTP';
    } else if (protocol === 'TCP') {
      gwProtocol = 'TCP';
    } else {
      gaps.push({ field: `${where}/protocol`, value: server.protocol });
      gwProtocol = protocol;
    }
    const credential = tls?.credentialName ?? tls?.credentialSecret?.name;
    if (credential) secrets.add(credential);
    const certificateRefs = mode === GatewaySpecListenersTlsMode.TERMINATE && credential
      ? [{ name: credential, namespace: m.workloadNamespace === m.namespace ? undefined : m.workloadNamespace }]
      : undefined;
    const base = server.name ?? m.portName(server);
    return server.hosts.map((host, j): GatewaySpecListeners => {
      const name = host.slice(host.indexOf('/') + 1);
      return {
        name: server.hosts.length === 1 ? base : `${base}-${j}`,
        hostname: name === '*' || gwProtocol === 'TCP' ? undefined : name,
        port: server.port,
        protocol: gwProtocol,
        tls: mode ? { mode, certificateRefs } : undefined,
        allowedRoutes: allowedRoutesOf(server, host),
      };
    });
  });
  const secretGrant = secrets.size && m.workloadNamespace !== m.namespace ? {
    from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: m.namespace }],
    to: [...secrets].sort().map(name => ({ group: '', kind: 'Secret', name })),
  } : undefined;
  return {
    spec: {
      gatewayClassName: 'istio',
      addresses: m.serviceHost ? [{ type: 'Hostname', value: m.serviceHost }] : undefined,
      listeners,
    },
    secretGrant,
    gaps,
  };
}
