import { k8s } from 'cdk8s-plus-28';
import {
  AsmPlatform, ClusterRole, GatewayProvisioner, GatewayProvisioning, GatewayWorkload, IngressGateway, IstioVersion, Mesh, MeshTopology,
  Platform, PlatformArtifact, PlatformKind, RuleDefinition, Severity, TcmDeploymentMode, TcmPlatform,
} from '../../src';
import { synth, synthError, testApp } from '../util';

/**
 * A platform defined here, outside the library: adding it edits no file under src/. It names revisions
 * `acme-<n>`, runs the control plane, provisions gateways as one ConfigMap per gateway in each config
 * cluster, checks the cluster count and writes an inventory file.
 */
const ACME_TOO_MANY_CLUSTERS: RuleDefinition = {
  id: 'ACME-001',
  severity: Severity.ERROR,
  message: 'Acme meshes span at most two clusters.',
  fix: 'Remove clusters.',
  doc: 'Acme runs one control plane per pair of clusters.',
};

const ACME_REVISION: RuleDefinition = {
  id: 'ACME-002',
  severity: Severity.ERROR,
  message: 'Acme revisions are `acme-<n>`.',
  fix: 'Leave `revision` unset.',
  doc: 'Acme names revisions after the Istio minor version.',
};

class AcmeGatewayProvisioner extends GatewayProvisioner {
  public readonly provisioning = GatewayProvisioning.PLATFORM;

  public render(gateway: GatewayWorkload): void {
    for (const cluster of gateway.mesh.configClusters) {
      new k8s.KubeConfigMap(cluster.scopeFor(gateway), 'AcmeGateway', {
        metadata: { name: `acme-gateway-${gateway.name}`, namespace: gateway.namespaceName },
        data: { type: gateway.gatewayType, clusters: gateway.clusters.map(c => c.clusterName).join(',') },
      });
    }
  }
}

class AcmePlatform extends Platform {
  public readonly displayName = 'Acme Mesh';
  private readonly provisioner = new AcmeGatewayProvisioner();

  public constructor() {
    super();
  }

  public get managesControlPlane(): boolean {
    return true;
  }

  public get gatewayProvisioner(): GatewayProvisioner {
    return this.provisioner;
  }

  public get hasOwnRevisionNames(): boolean {
    return true;
  }

  public defaultRevision(istioVersion: IstioVersion): string {
    return `acme-${istioVersion.minor}`;
  }

  public acceptsRevision(revision: string): boolean {
    return /^acme-\d+$/.test(revision);
  }

  public validate(mesh: Mesh): void {
    if (mesh.clusters.length > 2) mesh.report(ACME_TOO_MANY_CLUSTERS, mesh, mesh.clusters.length, `On ${this.displayName}.`);
    if (!this.acceptsRevision(mesh.revision)) mesh.report(ACME_REVISION, mesh, mesh.revision);
  }

  public artifacts(mesh: Mesh): PlatformArtifact[] {
    return [{ path: `acme/${mesh.meshId}.json`, content: `${JSON.stringify({ clusters: mesh.clusters.map(c => c.clusterName) })}\n` }];
  }
}

/** The schema of the platform's own artifact, for the conformance harness (which has none for files outside the library). */
const ACME_ARTIFACT = {
  what: 'Acme cluster list',
  path: /^acme\/[^/]+\.json$/,
  schema: { type: 'object', properties: { clusters: { type: 'array', items: { type: 'string' } } }, required: ['clusters'], additionalProperties: false },
};

function acmeMesh(clusters: string[], topology?: MeshTopology) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'acme',
    istioVersion: IstioVersion.V1_30,
    platform: new AcmePlatform(),
    topology,
    clusters: clusters.map((name, i) => ({ name, role: i === 0 ? ClusterRole.PRIMARY : ClusterRole.REMOTE })),
  });
  return { app, mesh };
}

describe('a platform defined outside the library', () => {
  test('decides revision, gateway provisioning and artifacts, and the mesh synthesizes', () => {
    const { app, mesh } = acmeMesh(['acme-a', 'acme-b']);
    mesh.addNamespace('shop');
    new IngressGateway(mesh, 'ingress', { clusters: ['acme-a', 'acme-b'] });
    const out = synth(app, { schemas: [ACME_ARTIFACT] });

    expect(mesh.platform.kind).toBe(PlatformKind.CUSTOM);
    expect(mesh.revision).toBe('acme-30');
    expect(out.find('acme-b', 'Namespace', 'shop').metadata.labels).toEqual({ 'istio.io/rev': 'acme-30' });
    // The provisioner replaced the gateway workloads: a ConfigMap in the config cluster, no Deployment anywhere.
    for (const cluster of ['acme-a', 'acme-b']) expect(out.ofKind(cluster, 'Deployment')).toEqual([]);
    expect(out.find('acme-a', 'ConfigMap', 'acme-gateway-istio-ingressgateway', 'istio-system').data)
      .toEqual({ type: 'ingress', clusters: 'acme-a,acme-b' });
    expect(JSON.parse(out.text('acme/acme.json'))).toEqual({ clusters: ['acme-a', 'acme-b'] });
  });

  test('its checks report through the mesh, and a managed control plane refuses a topology (MESH-PLAT-020)', () => {
    const { app } = acmeMesh(['acme-a', 'acme-b', 'acme-c'], MeshTopology.PRIMARY_REMOTE);
    const message = synthError(app);
    expect(message).toContain('ACME-001 [error] at mesh: Acme meshes span at most two clusters. On Acme Mesh. Value: 3.');
    expect(message).toContain('MESH-PLAT-020 [error] at mesh/topology:');
  });

  test('its revision syntax replaces MESH-TOPO-012', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'acme', platform: new AcmePlatform(), revision: 'acme.1', clusters: [{ name: 'a' }] });
    const message = synthError(app);
    expect(message).toContain('ACME-002 [error] at mesh: Acme revisions are `acme-<n>`. Value: "acme.1".');
    expect(message).not.toContain('MESH-TOPO-012');
  });
});

describe('platform-specific gateway options live on the platform', () => {
  test('AsmPlatform.configureGateway sets IstioGateway fields; they win over the deprecated GatewayOptions.asm', () => {
    const app = testApp();
    const asm = new AsmPlatform({ clusterIds: { ack: 'c-123' } });
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'asm-mesh', platform: asm, clusters: [{ name: 'cp', role: ClusterRole.CONFIG }, { name: 'ack', role: ClusterRole.REMOTE }],
    });
    const gateway = new IngressGateway(mesh, 'ingress', { clusters: ['ack'], asm: { runAsRoot: true } });
    asm.configureGateway(gateway, { autoCreateGatewayYaml: false, readinessProbe: { periodSeconds: 5 } });
    const spec = synth(app).find('cp', 'IstioGateway', 'istio-ingressgateway', 'istio-system').spec;
    expect(spec.clusterIds).toEqual(['c-123']);
    expect(spec.autoCreateGatewayYaml).toBe(false);
    expect(spec.readinessProbe).toEqual({ periodSeconds: 5 });
    expect(spec.runAsRoot).toBeUndefined();
  });

  test('TcmPlatform.configureGateway sets the provisioning options', () => {
    const app = testApp();
    const tcm = new TcmPlatform();
    const mesh = new Mesh(app, 'mesh', { meshId: 'tcm-mesh', istioVersion: IstioVersion.of('1.22.5'), platform: tcm, clusters: [{ name: 'tcm-primary' }] });
    const gateway = new IngressGateway(mesh, 'ingress');
    tcm.configureGateway(gateway, { existingLoadBalancerId: 'lb-9', deploymentMode: TcmDeploymentMode.EXCLUSIVE });
    const out = synth(app);
    expect(JSON.parse(out.text('tcm/gateway-istio-system-istio-ingressgateway.json'))).toMatchObject({
      loadBalancer: { existing: 'lb-9' }, deploymentMode: 'exclusive',
    });
  });

  test('the factories return the platform classes', () => {
    expect(Platform.asm()).toBeInstanceOf(AsmPlatform);
    expect(Platform.tcm()).toBeInstanceOf(TcmPlatform);
    expect(Platform.UPSTREAM).toBe(Platform.UPSTREAM);
    expect(Platform.UPSTREAM.kind).toBe(PlatformKind.UPSTREAM);
  });
});
