import * as jsYaml from 'js-yaml';
import { EastWestGatewayPlacement } from './east-west';
import {
  CONTROL_PLANE_GATEWAY_PORTS, EXTERNAL_ISTIOD_VOLUMES, ExternalControlPlane, externalIstiodEnv, externalIstiodMeshConfig, externalRemoteValues,
  validationUrl,
} from './external-istiod';
import {
  CniChartValues, EnvVar, GatewayChartValues, GlobalValues, IstioOperator, IstioOperatorSpec, IstioValues, ZtunnelChartValues,
} from './istio-operator';
import { RenderedMeshSettings } from './mesh-config';
import { ControlPlaneRevision, DEFAULT_REVISION, revisionValue } from './revision';
import { definedEntries } from '../core/names';
import { ClusterRole, MeshCluster } from '../topology/cluster';

/** The IstioOperator apiVersion istioctl reads. */
export const ISTIO_OPERATOR_API = 'install.istio.io/v1alpha1' as const;

/** Everything the install values of one cluster depend on. */
export interface ClusterInstallContext {
  /** The cluster. */
  readonly cluster: MeshCluster;
  /** The mesh ID. */
  readonly meshId: string;
  /** The revision being rendered. */
  readonly revision: ControlPlaneRevision;
  /** Primaries: serve remote clusters (`global.externalIstiod`). */
  readonly servesRemotes: boolean;
  /** Remotes and config clusters: the istiod address (`global.remotePilotAddress`). */
  readonly pilotAddress: string;
  /** Whether the topology spans networks (the Helm remote then passes `global.network`). */
  readonly multiNetwork: boolean;
  /** Primaries: mesh config and proxy values as set by the user. */
  readonly settings: RenderedMeshSettings;
  /** Primaries: `global.meshNetworks`, if set. */
  readonly meshNetworks?: { [network: string]: unknown };
  /** The external control plane, for the clusters of an EXTERNAL_CONTROL_PLANE topology. */
  readonly external?: ExternalControlPlane;
  /**
   * Primaries: install no ingress gateway (`profile: minimal`): several revisions share the cluster, or the manifest
   * deploys `istio-ingressgateway` itself, so the default profile's gateway would have two owners.
   */
  readonly withoutIngressGateway?: boolean;
  /** The default revision during an upgrade stage (`istio-base` `defaultRevision`). */
  readonly defaultRevision?: string;
  /** Primaries: install the `ambient` profile (istiod, istio-cni, ztunnel) because some namespace runs ambient. */
  readonly ambient?: boolean;
  /**
   * Ambient with several revisions: istio-cni and ztunnel are node-wide and come from the first revision's install, so
   * this revision's IstioOperator disables them.
   */
  readonly ambientNodeComponentsElsewhere?: boolean;
}

/** The Istio profile of an ambient install (istioctl `profile`, Helm `--set profile=`). */
export const AMBIENT_PROFILE = 'ambient';

/**
 * istiod's environment in an ambient multi-network mesh, as Istio's ambient multicluster guide sets it
 * (IstioOperator `components.pilot.k8s.env`, Helm `env`).
 */
export const AMBIENT_MULTI_NETWORK_ENV: EnvVar[] = [
  { name: 'AMBIENT_ENABLE_MULTI_NETWORK', value: 'true' },
  { name: 'AMBIENT_ENABLE_BAGGAGE', value: 'true' },
];

function ambientEnv(ctx: ClusterInstallContext): EnvVar[] | undefined {
  return ctx.ambient && ctx.multiNetwork ? AMBIENT_MULTI_NETWORK_ENV : undefined;
}

/** The sidecar injection path a remote's webhook calls on its primary. */
export function injectionPath(cluster: MeshCluster): string {
  return cluster.networkName === undefined
    ? `/inject/cluster/${cluster.clusterName}`
    : `/inject/cluster/${cluster.clusterName}/net/${cluster.networkName}`;
}

/** `global` values of a primary, in the guide's key order. */
function primaryGlobal(ctx: ClusterInstallContext, helm: boolean): GlobalValues {
  const c = ctx.cluster;
  const external = ctx.servesRemotes ? true : undefined;
  return definedEntries({
    meshID: ctx.meshId,
    ...(helm ? { externalIstiod: external } : {}),
    multiCluster: { clusterName: c.clusterName },
    network: c.networkName,
    ...(helm ? {} : { externalIstiod: external }),
    meshNetworks: ctx.meshNetworks,
    proxy: ctx.settings.proxy,
  });
}

/**
 * `global` values of a config cluster: it holds the mesh's Istio config for the external control plane,
 * which reads mesh-wide settings (meshID, meshNetworks) from here.
 */
function configGlobal(ctx: ClusterInstallContext): GlobalValues {
  return definedEntries({
    meshID: ctx.meshId,
    configCluster: true,
    remotePilotAddress: ctx.pilotAddress,
    meshNetworks: ctx.meshNetworks,
  });
}

/**
 * `values` of a config or remote cluster of an external control plane (the guide's `remote-config-cluster.yaml`
 * and `second-remote-cluster.yaml`), in the guide's key order. `helm` adds what the istioctl form passes elsewhere.
 */
function externalRemoteSpecValues(ctx: ClusterInstallContext, ecp: ExternalControlPlane): IstioValues {
  const config = ctx.cluster.role === ClusterRole.CONFIG;
  const remote = externalRemoteValues(ecp, ctx.cluster);
  const url = config ? validationUrl(ecp) : undefined;
  // without an external cluster (a hosted control plane) the config cluster also carries the mesh-wide values
  const hosted = config && !ecp.externalCluster;
  return definedEntries({
    global: definedEntries({
      meshID: hosted ? ctx.meshId : undefined,
      istioNamespace: ecp.namespace,
      remotePilotAddress: remote.remotePilotAddress,
      configCluster: config ? true : undefined,
      meshNetworks: hosted ? ctx.meshNetworks : undefined,
    }),
    pilot: config ? { configMap: true } : undefined,
    istiodRemote: ctx.cluster.runsWorkloads ? remote.injection : undefined,
    base: url ? { validationURL: url } : undefined,
  });
}

/** `values.global` of the external istiod, in the guide's order. */
function externalIstiodGlobal(ctx: ClusterInstallContext, ecp: ExternalControlPlane): GlobalValues {
  return definedEntries({
    externalIstiod: true,
    caAddress: `${ecp.address}:15012`,
    istioNamespace: ecp.namespace,
    operatorManageWebhooks: true,
    configValidation: false,
    meshID: ctx.meshId,
    multiCluster: { clusterName: ecp.configCluster.clusterName },
    network: ecp.configCluster.networkName,
    meshNetworks: ctx.meshNetworks,
    proxy: ctx.settings.proxy,
  });
}

/** The guide's `external-istiod.yaml`: the external istiod in the external cluster. */
export function externalIstiodOperator(ctx: ClusterInstallContext, ecp: ExternalControlPlane): IstioOperator {
  return {
    apiVersion: ISTIO_OPERATOR_API,
    kind: 'IstioOperator',
    metadata: { namespace: ecp.namespace },
    spec: definedEntries({
      profile: 'empty',
      revision: revisionValue(ctx.revision),
      meshConfig: externalIstiodMeshConfig(ecp, ctx.settings.meshConfig),
      components: {
        pilot: {
          enabled: true,
          k8s: {
            overlays: [{
              kind: 'Deployment',
              name: 'istiod',
              patches: [
                ...EXTERNAL_ISTIOD_VOLUMES.map(v => ({ path: 'spec.template.spec.volumes[100]', value: jsYaml.dump({ name: v.name, configMap: v.configMap }).trimEnd() })),
                ...EXTERNAL_ISTIOD_VOLUMES.map(v => ({ path: 'spec.template.spec.containers[0].volumeMounts[100]', value: jsYaml.dump({ name: v.name, mountPath: v.mountPath }).trimEnd() })),
              ],
            }],
            env: externalEnv(ctx, ecp),
          },
        },
      },
      values: { global: externalIstiodGlobal(ctx, ecp) },
    }),
  };
}

/**
 * Values of the `istio/istiod` chart for the external istiod (the guide has no Helm form): the IstioOperator's
 * values, with the overlay's volumes as `pilot.volumes`/`pilot.volumeMounts` and the env as `pilot.env`.
 */
export function externalIstiodHelmValues(ctx: ClusterInstallContext, ecp: ExternalControlPlane): IstioValues {
  return definedEntries({
    revision: revisionValue(ctx.revision),
    meshConfig: externalIstiodMeshConfig(ecp, ctx.settings.meshConfig),
    pilot: {
      volumes: EXTERNAL_ISTIOD_VOLUMES.map(v => ({ name: v.name, configMap: v.configMap })),
      volumeMounts: EXTERNAL_ISTIOD_VOLUMES.map(v => ({ name: v.name, mountPath: v.mountPath })),
      env: Object.fromEntries(externalEnv(ctx, ecp).map(e => [e.name, e.value])),
    },
    global: externalIstiodGlobal(ctx, ecp),
  });
}

/** The external istiod's environment: the guide's, then the mesh settings' (`pilotEnv`, e.g. BLOCKED_CIDRS_IN_JWKS_URIS). */
function externalEnv(ctx: ClusterInstallContext, ecp: ExternalControlPlane): EnvVar[] {
  return [...externalIstiodEnv(ecp), ...Object.entries(ctx.settings.pilotEnv ?? {}).map(([name, value]) => ({ name, value }))];
}

/** The guide's `controlplane-gateway.yaml`: the external cluster's ingress gateway (default profile, istio-system). */
export function controlPlaneGatewayOperator(): IstioOperator {
  return {
    apiVersion: ISTIO_OPERATOR_API,
    kind: 'IstioOperator',
    metadata: { namespace: 'istio-system' },
    spec: { components: { ingressGateways: [{ name: 'istio-ingressgateway', enabled: true, k8s: { service: { ports: CONTROL_PLANE_GATEWAY_PORTS } } }] } },
  };
}

/** Values of the `istio/gateway` chart for the control-plane gateway (release `istio-ingressgateway` in istio-system). */
export function controlPlaneGatewayHelmValues(): GatewayChartValues {
  return { service: { ports: CONTROL_PLANE_GATEWAY_PORTS.map(p => ({ name: p.name, port: p.port, targetPort: p.targetPort, protocol: 'TCP' })) } };
}

/** The IstioOperator `spec` for `istioctl install -f`. */
function operatorSpec(ctx: ClusterInstallContext): IstioOperatorSpec {
  const c = ctx.cluster;
  const revision = revisionValue(ctx.revision);
  if (ctx.external && (c.role === ClusterRole.REMOTE || c.role === ClusterRole.CONFIG)) {
    return definedEntries({
      profile: 'remote',
      revision,
      meshConfig: c.role === ClusterRole.CONFIG ? ctx.settings.meshConfig : undefined,
      values: externalRemoteSpecValues(ctx, ctx.external),
    });
  }
  switch (c.role) {
    case ClusterRole.REMOTE:
      return definedEntries({
        profile: 'remote',
        revision,
        values: definedEntries({
          istiodRemote: { injectionPath: injectionPath(c) },
          global: { remotePilotAddress: ctx.pilotAddress },
        }),
      });
    case ClusterRole.CONFIG:
      return definedEntries({
        profile: 'remote',
        revision,
        meshConfig: ctx.settings.meshConfig,
        values: { global: configGlobal(ctx) },
      });
    default: {
      const env = ambientEnv(ctx);
      return definedEntries({
        profile: ctx.ambient ? AMBIENT_PROFILE : ctx.withoutIngressGateway ? 'minimal' : undefined,
        revision,
        meshConfig: ctx.settings.meshConfig,
        components: ctx.ambient && ctx.ambientNodeComponentsElsewhere
          ? definedEntries({ pilot: env ? { k8s: { env } } : undefined, cni: { enabled: false }, ztunnel: { enabled: false } })
          : env ? { pilot: { k8s: { env } } } : undefined,
        values: definedEntries({
          global: primaryGlobal(ctx, false),
          pilot: ctx.settings.pilotEnv ? { env: ctx.settings.pilotEnv } : undefined,
        }),
      });
    }
  }
}

/** The control-plane IstioOperator of a cluster (the guide's `clusterN.yaml`). */
export function controlPlaneOperator(ctx: ClusterInstallContext): IstioOperator {
  if (ctx.external && ctx.cluster.role === ClusterRole.EXTERNAL) return externalIstiodOperator(ctx, ctx.external);
  const metadata = ctx.external ? { metadata: { namespace: ctx.external.namespace } } : {};
  return { apiVersion: ISTIO_OPERATOR_API, kind: 'IstioOperator', ...metadata, spec: operatorSpec(ctx) };
}

/**
 * Values of the `istio/base` chart. A config cluster of an external control plane also gets the
 * `defaultRevision` (the guide's `--set values.defaultRevision=default`) and the validation URL.
 */
export function baseValues(ctx: ClusterInstallContext): IstioValues {
  if (ctx.external && ctx.cluster.role === ClusterRole.CONFIG) {
    const url = validationUrl(ctx.external);
    return definedEntries({ profile: 'remote', defaultRevision: 'default', base: url ? { validationURL: url } : undefined });
  }
  const defaultRevision = ctx.defaultRevision === DEFAULT_REVISION ? undefined : ctx.defaultRevision;
  const profile = ctx.cluster.role === ClusterRole.PRIMARY || ctx.cluster.role === ClusterRole.EXTERNAL ? undefined : 'remote';
  return definedEntries({ profile, defaultRevision });
}

/** Values of the `istio/istiod` chart. */
export function istiodValues(ctx: ClusterInstallContext): IstioValues {
  const c = ctx.cluster;
  const revision = revisionValue(ctx.revision);
  if (ctx.external && c.role === ClusterRole.EXTERNAL) return externalIstiodHelmValues(ctx, ctx.external);
  if (ctx.external) {
    const { base: _base, ...values } = externalRemoteSpecValues(ctx, ctx.external);
    return definedEntries({ profile: 'remote', revision, meshConfig: c.role === ClusterRole.CONFIG ? ctx.settings.meshConfig : undefined, ...values });
  }
  if (c.role === ClusterRole.PRIMARY) {
    const env = ctx.settings.pilotEnv;
    if (ctx.ambient) {
      // the ambient multicluster guide's order: global, profile, env
      const ambient = Object.fromEntries((ambientEnv(ctx) ?? []).map(e => [e.name, e.value]));
      const merged = { ...env, ...ambient };
      return definedEntries({
        revision,
        meshConfig: ctx.settings.meshConfig,
        global: primaryGlobal(ctx, true),
        profile: AMBIENT_PROFILE,
        env: Object.keys(merged).length ? merged : undefined,
      });
    }
    return definedEntries({ revision, meshConfig: ctx.settings.meshConfig, env, global: primaryGlobal(ctx, true) });
  }
  const remote = c.role === ClusterRole.REMOTE;
  if (!remote) return definedEntries({ profile: 'remote', revision, meshConfig: ctx.settings.meshConfig, global: configGlobal(ctx) });
  return definedEntries({
    profile: 'remote',
    revision,
    global: definedEntries({
      multiCluster: { clusterName: c.clusterName },
      network: ctx.multiNetwork ? c.networkName : undefined,
      configCluster: true,
      remotePilotAddress: ctx.pilotAddress,
    }),
    istiodRemote: { injectionPath: injectionPath(c) },
  });
}

/** Values of the `istio/cni` chart of an ambient primary: the ambient profile (and the revision, if not the default). */
export function cniValues(ctx: ClusterInstallContext): CniChartValues {
  return definedEntries({ profile: AMBIENT_PROFILE, revision: revisionValue(ctx.revision) });
}

/**
 * Values of the `istio/ztunnel` chart of an ambient primary: ztunnel must know its cluster (`multiCluster.clusterName`,
 * as istiod's `global.multiCluster.clusterName`) and its network (`global.network`).
 */
export function ztunnelValues(ctx: ClusterInstallContext): ZtunnelChartValues {
  return definedEntries({
    revision: revisionValue(ctx.revision),
    multiCluster: { clusterName: ctx.cluster.clusterName },
    global: ctx.cluster.networkName === undefined ? undefined : { network: ctx.cluster.networkName },
  });
}

/** The east-west gateway IstioOperator, as `samples/multicluster/gen-eastwest-gateway.sh` prints it. */
export function eastWestOperator(gw: EastWestGatewayPlacement): IstioOperator {
  const network = gw.network;
  return {
    apiVersion: ISTIO_OPERATOR_API,
    kind: 'IstioOperator',
    metadata: { name: gw.istioLabel === 'eastwestgateway' ? 'eastwest' : gw.name },
    spec: {
      revision: gw.revision ?? '',
      profile: 'empty',
      components: {
        ingressGateways: [{
          name: gw.name,
          label: { istio: gw.istioLabel, app: gw.name, ...(network === undefined ? {} : { 'topology.istio.io/network': network }) },
          enabled: true,
          k8s: definedEntries({
            env: network === undefined ? undefined : [{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: network }],
            service: {
              ports: [
                { name: 'status-port', port: 15021, targetPort: 15021 },
                { name: 'tls', port: 15443, targetPort: 15443 },
                { name: 'tls-istiod', port: 15012, targetPort: 15012 },
                { name: 'tls-webhook', port: 15017, targetPort: 15017 },
              ],
            },
          }),
        }],
      },
      values: definedEntries({
        gateways: { 'istio-ingressgateway': { injectionTemplate: 'gateway' } },
        global: network === undefined ? undefined : { network },
      }),
    },
  };
}

/** Values of the `istio/gateway` chart for an east-west gateway. */
export function eastWestHelmValues(gw: EastWestGatewayPlacement): GatewayChartValues {
  return definedEntries({ name: gw.name, networkGateway: gw.network, revision: gw.revision });
}
