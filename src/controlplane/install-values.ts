import { EastWestGatewayPlacement } from './east-west';
import { RenderedMeshSettings } from './mesh-config';
import { ControlPlaneRevision, revisionValue } from './revision';
import { definedEntries } from '../core/names';
import { ClusterRole, MeshCluster } from '../topology/cluster';

/** The IstioOperator apiVersion istioctl reads. */
export const ISTIO_OPERATOR_API = 'install.istio.io/v1alpha1';

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
  readonly meshNetworks?: { [network: string]: any };
}

/** The sidecar injection path a remote's webhook calls on its primary. */
export function injectionPath(cluster: MeshCluster): string {
  return cluster.networkName === undefined
    ? `/inject/cluster/${cluster.clusterName}`
    : `/inject/cluster/${cluster.clusterName}/net/${cluster.networkName}`;
}

function revisionTags(revision: ControlPlaneRevision): string[] | undefined {
  return revision.tags?.length ? [...revision.tags] : undefined;
}

/** `global` values of a primary, in the guide's key order. */
function primaryGlobal(ctx: ClusterInstallContext, helm: boolean): { [key: string]: any } {
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
function configGlobal(ctx: ClusterInstallContext): { [key: string]: any } {
  return definedEntries({
    meshID: ctx.meshId,
    configCluster: true,
    remotePilotAddress: ctx.pilotAddress,
    meshNetworks: ctx.meshNetworks,
  });
}

/** The IstioOperator `spec` for `istioctl install -f`. */
function operatorSpec(ctx: ClusterInstallContext): { [key: string]: any } {
  const c = ctx.cluster;
  const revision = revisionValue(ctx.revision);
  const tags = revisionTags(ctx.revision);
  switch (c.role) {
    case ClusterRole.REMOTE:
      return definedEntries({
        profile: 'remote',
        revision,
        values: definedEntries({
          istiodRemote: { injectionPath: injectionPath(c) },
          global: { remotePilotAddress: ctx.pilotAddress },
          revisionTags: tags,
        }),
      });
    case ClusterRole.CONFIG:
      return definedEntries({
        profile: 'remote',
        revision,
        meshConfig: ctx.settings.meshConfig,
        values: definedEntries({ global: configGlobal(ctx), revisionTags: tags }),
      });
    default:
      return definedEntries({
        revision,
        meshConfig: ctx.settings.meshConfig,
        values: definedEntries({ global: primaryGlobal(ctx, false), revisionTags: tags }),
      });
  }
}

/** The control-plane IstioOperator of a cluster (the guide's `clusterN.yaml`). */
export function controlPlaneOperator(ctx: ClusterInstallContext): { [key: string]: any } {
  return { apiVersion: ISTIO_OPERATOR_API, kind: 'IstioOperator', spec: operatorSpec(ctx) };
}

/** Values of the `istio/base` chart. */
export function baseValues(ctx: ClusterInstallContext): { [key: string]: any } {
  return ctx.cluster.role === ClusterRole.PRIMARY ? {} : { profile: 'remote' };
}

/** Values of the `istio/istiod` chart. */
export function istiodValues(ctx: ClusterInstallContext): { [key: string]: any } {
  const c = ctx.cluster;
  const revision = revisionValue(ctx.revision);
  const tags = revisionTags(ctx.revision);
  if (c.role === ClusterRole.PRIMARY) {
    return definedEntries({ revision, revisionTags: tags, meshConfig: ctx.settings.meshConfig, global: primaryGlobal(ctx, true) });
  }
  const remote = c.role === ClusterRole.REMOTE;
  if (!remote) return definedEntries({ profile: 'remote', revision, revisionTags: tags, meshConfig: ctx.settings.meshConfig, global: configGlobal(ctx) });
  return definedEntries({
    profile: 'remote',
    revision,
    revisionTags: tags,
    global: definedEntries({
      multiCluster: { clusterName: c.clusterName },
      network: ctx.multiNetwork ? c.networkName : undefined,
      configCluster: true,
      remotePilotAddress: ctx.pilotAddress,
    }),
    istiodRemote: { injectionPath: injectionPath(c) },
  });
}

/** The east-west gateway IstioOperator, as `samples/multicluster/gen-eastwest-gateway.sh` prints it. */
export function eastWestOperator(gw: EastWestGatewayPlacement): { [key: string]: any } {
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
          label: definedEntries({ 'istio': gw.istioLabel, 'app': gw.name, 'topology.istio.io/network': network }),
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
export function eastWestHelmValues(gw: EastWestGatewayPlacement): { [key: string]: any } {
  return definedEntries({ name: gw.name, networkGateway: gw.network, revision: gw.revision });
}
