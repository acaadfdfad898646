import { Construct } from 'constructs';
import { ExternalIstiodAddressType, ExternalIstiodOptions } from './external-istiod-options';
import {
  DestinationRule, DestinationRuleSpecTrafficPolicyPortLevelSettingsConnectionPoolHttpH2UpgradePolicy as H2Upgrade,
  DestinationRuleSpecTrafficPolicyPortLevelSettingsTlsMode as UpstreamTls, Gateway, GatewaySpecServersTlsMode as GatewayTls, VirtualService,
} from '../imports/networking.istio.io';
import type { MeshCluster } from '../topology/cluster';

/** The guide's placeholders. */
export const EXTERNAL_ISTIOD_ADDR = '${EXTERNAL_ISTIOD_ADDR}';
export const SSL_SECRET_NAME = '${SSL_SECRET_NAME}';

/** The resolved external control plane, shared by the install values, manifests and runbooks. */
export interface ExternalControlPlane {
  /** The cluster running the external istiod, if declared. */
  readonly externalCluster?: MeshCluster;
  /** The config cluster (its name is the external istiod's cluster ID). */
  readonly configCluster: MeshCluster;
  /** `EXTERNAL_ISTIOD_ADDR`. */
  readonly address: string;
  /** True for the IP-address variant. */
  readonly ip: boolean;
  /** `SSL_SECRET_NAME` (hostname variant). */
  readonly credentialName: string;
  /** The Istio namespace everywhere (the mesh's root namespace; the guide's `external-istiod`). */
  readonly namespace: string;
}

/** Resolves the options; the variant defaults to IP_ADDRESS for an IPv4 literal. */
export function resolveExternalControlPlane(
  options: ExternalIstiodOptions, configCluster: MeshCluster, externalCluster: MeshCluster | undefined,
  fallbackAddress: string | undefined, namespace: string,
): ExternalControlPlane {
  const address = options.address ?? fallbackAddress ?? EXTERNAL_ISTIOD_ADDR;
  const type = options.addressType ?? (/^\d{1,3}(\.\d{1,3}){3}$/.test(address) ? ExternalIstiodAddressType.IP_ADDRESS : ExternalIstiodAddressType.HOSTNAME);
  return {
    externalCluster,
    configCluster,
    address,
    ip: type === ExternalIstiodAddressType.IP_ADDRESS,
    credentialName: options.credentialName ?? SSL_SECRET_NAME,
    namespace,
  };
}

/** The injection path of a cluster's webhook on the external istiod (`/` in a cluster name becomes `--slash--`). */
export function externalInjectionPath(cluster: MeshCluster): string {
  const name = cluster.clusterName.replace(/\//g, '--slash--');
  return cluster.networkName === undefined ? `/inject/cluster/${name}` : `/inject/cluster/${name}/net/${cluster.networkName}`;
}

/** `istiodRemote` (and the IP variant's `remotePilotAddress`) of a config or remote cluster. */
export function externalRemoteValues(
  ecp: ExternalControlPlane, cluster: MeshCluster,
): { injection: { [key: string]: string }; remotePilotAddress?: string } {
  const path = externalInjectionPath(cluster);
  return ecp.ip
    ? { injection: { injectionPath: path }, remotePilotAddress: ecp.address }
    : { injection: { injectionURL: `https://${ecp.address}:15017${path}` } };
}

/** The validation webhook URL of the config cluster (hostname variant). */
export function validationUrl(ecp: ExternalControlPlane): string | undefined {
  return ecp.ip ? undefined : `https://${ecp.address}:15017/validate`;
}

/** The config volumes the external istiod mounts (the guide's overlay patches; Helm `pilot.volumes`). */
export const EXTERNAL_ISTIOD_VOLUMES = [
  { name: 'config-volume', configMap: { name: 'istio' }, mountPath: '/etc/istio/config' },
  { name: 'inject-volume', configMap: { name: 'istio-sidecar-injector' }, mountPath: '/var/lib/istio/inject' },
];

/** The external istiod's environment, in the guide's order. */
export function externalIstiodEnv(ecp: ExternalControlPlane): Array<{ name: string; value: string }> {
  return [
    { name: 'INJECTION_WEBHOOK_CONFIG_NAME', value: ecp.ip ? `istio-sidecar-injector-${ecp.namespace}` : '' },
    { name: 'VALIDATION_WEBHOOK_CONFIG_NAME', value: ecp.ip ? `istio-validator-${ecp.namespace}` : '' },
    { name: 'EXTERNAL_ISTIOD', value: 'true' },
    { name: 'LOCAL_CLUSTER_SECRET_WATCHER', value: 'true' },
    { name: 'CLUSTER_ID', value: ecp.configCluster.clusterName },
    { name: 'SHARED_MESH_CONFIG', value: 'istio' },
  ];
}

/** `meshConfig` of the external istiod (the guide's, plus the user's mesh settings). */
export function externalIstiodMeshConfig(ecp: ExternalControlPlane, settings: { [key: string]: unknown } | undefined): { [key: string]: unknown } {
  const user = settings ?? {};
  const userDefaults = (user.defaultConfig ?? {}) as { [key: string]: unknown };
  const roots = ecp.ip ? {} : { proxyMetadata: { XDS_ROOT_CA: '/etc/ssl/certs/ca-certificates.crt', CA_ROOT_CA: '/etc/ssl/certs/ca-certificates.crt' } };
  return {
    rootNamespace: ecp.namespace,
    ...user,
    defaultConfig: { discoveryAddress: `${ecp.address}:15012`, ...roots, ...userDefaults },
  };
}

/** The ingress gateway ports of the guide's `controlplane-gateway.yaml`. */
export const CONTROL_PLANE_GATEWAY_PORTS = [
  { port: 15021, targetPort: 15021, name: 'status-port' },
  { port: 15012, targetPort: 15012, name: 'tls-xds' },
  { port: 15017, targetPort: 15017, name: 'tls-webhook' },
];

/** The pod labels of the control-plane gateway (`istio-ingressgateway` in istio-system, istioctl or Helm). */
export const CONTROL_PLANE_GATEWAY_LABELS = { app: 'istio-ingressgateway', istio: 'ingressgateway' };

/**
 * `external-istiod-gw.yaml`: the Gateway, VirtualService (and, for the hostname variant, DestinationRule) that
 * route the external cluster's ingress gateway to the external istiod.
 */
export function renderExternalIstiodRouting(scope: Construct, ecp: ExternalControlPlane): void {
  const namespace = ecp.namespace;
  const istiod = `istiod.${namespace}.svc.cluster.local`;
  const hosts = [ecp.ip ? '*' : ecp.address];
  const server = (number: number, name: string) => ecp.ip
    ? { port: { number, protocol: 'tls', name: `tls-${name}` }, tls: { mode: GatewayTls.PASSTHROUGH }, hosts }
    : { port: { number, protocol: 'https', name: `https-${name}` }, tls: { mode: GatewayTls.SIMPLE, credentialName: ecp.credentialName }, hosts };
  new Gateway(scope, 'ExternalIstiodGateway', {
    metadata: { name: 'external-istiod-gw', namespace },
    spec: { selector: { istio: CONTROL_PLANE_GATEWAY_LABELS.istio }, servers: [server(15012, 'XDS'), server(15017, 'WEBHOOK')] },
  });
  const destination = (target: number) => [{ destination: { host: istiod, port: { number: target } } }];
  const ports: Array<[number, number]> = [[15012, 15012], [15017, 443]];
  new VirtualService(scope, 'ExternalIstiodVirtualService', {
    metadata: { name: 'external-istiod-vs', namespace },
    spec: ecp.ip
      ? { hosts, gateways: ['external-istiod-gw'], tls: ports.map(([port, target]) => ({ match: [{ port, sniHosts: ['*'] }], route: destination(target) })) }
      : { hosts, gateways: ['external-istiod-gw'], http: ports.map(([port, target]) => ({ match: [{ port }], route: destination(target) })) },
  });
  if (ecp.ip) return;
  new DestinationRule(scope, 'ExternalIstiodDestinationRule', {
    metadata: { name: 'external-istiod-dr', namespace },
    spec: {
      host: istiod,
      trafficPolicy: {
        portLevelSettings: [
          { port: { number: 15012 }, tls: { mode: UpstreamTls.SIMPLE }, connectionPool: { http: { h2UpgradePolicy: H2Upgrade.UPGRADE } } },
          { port: { number: 443 }, tls: { mode: UpstreamTls.SIMPLE } },
        ],
      },
    },
  });
}
