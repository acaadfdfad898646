import * as fs from 'fs';
import * as path from 'path';
import {
  ClusterRole, GatewayTlsMode, IngressGateway, InjectionScheme, IstioVersion, Mesh, Platform, Protocol, TcmAccessType,
  MeshTopology, TcmCertificate, TcmClbOffload, TcmDeploymentMode, TcmGateway, TcmGatewayType, TcmTlsMode,
} from '../../src';
import { synth, synthError, testApp } from '../util';

/** A TCM mesh on Istio 1.22.5: primary cluster `tcm-primary` and service cluster `tcm-remote`. */
function tcmMesh(extra: { injection?: InjectionScheme; revision?: string } = {}) {
  const app = testApp();
  const mesh = new Mesh(app, 'mesh', {
    meshId: 'tcm-mesh',
    istioVersion: IstioVersion.of('1.22.5'),
    platform: Platform.tcm(),
    clusters: [{ name: 'tcm-primary' }, { name: 'tcm-remote', role: ClusterRole.REMOTE }],
    ...extra,
  });
  return { app, mesh };
}

/** The seed 000 "Gateway Configuration" listeners: redirect, cloud certificate, CLB offload. */
function seedGateway(mesh: Mesh) {
  return new TcmGateway(mesh, 'ingress', {
    name: 'istio-ingressgateway',
    gatewayType: TcmGatewayType.INGRESS,
    accessType: TcmAccessType.PRIVATE_NETWORK,
    existingLoadBalancerId: 'lb-abcd1234',
    preserveClientSourceIp: true,
    deploymentMode: TcmDeploymentMode.EXCLUSIVE,
    exclusiveNodes: ['10.0.0.5', '10.0.1.5'],
    servers: [
      { port: 80, name: 'http', protocol: Protocol.HTTP, hosts: ['uk.bookinfo.com', 'eu.bookinfo.com'], httpsRedirect: true },
      { port: 5443, name: 'https-ssl', protocol: Protocol.HTTPS, hosts: ['*'], tls: { mode: TcmTlsMode.SIMPLE, certificate: TcmCertificate.fromSslCertificateService('abcdABCD') } },
      { port: 6443, protocol: Protocol.HTTP, hosts: ['tcm.tencent.com'], clbCertificateId: 'ABCDabcd' },
    ],
  });
}

describe('TCM platform', () => {
  test('labels namespaces istio.io/rev=<version-with-dashes> and never istio-injection', () => {
    const { app, mesh } = tcmMesh();
    mesh.addNamespace('bookinfo');
    const out = synth(app);
    expect(mesh.revision).toBe('1-22-5');
    for (const cluster of ['tcm-primary', 'tcm-remote']) {
      expect(out.find(cluster, 'Namespace', 'bookinfo').metadata.labels).toEqual({ 'istio.io/rev': '1-22-5' });
    }
    expect(mesh.platform.managesControlPlane).toBe(true);
  });

  test('sends Istio config (Gateway listeners) to the primary cluster only', () => {
    const { app, mesh } = tcmMesh();
    seedGateway(mesh);
    const out = synth(app);
    expect(mesh.configClusters.map(c => c.clusterName)).toEqual(['tcm-primary']);
    expect(out.ofKind('tcm-remote', 'Gateway')).toEqual([]);
    expect(out.ofKind('tcm-primary', 'Deployment')).toEqual([]);
    const gw = out.find('tcm-primary', 'Gateway', 'istio-ingressgateway', 'istio-system');
    expect(gw.spec.selector).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    expect(gw.spec.servers).toEqual([
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['uk.bookinfo.com', 'eu.bookinfo.com'], tls: { httpsRedirect: true } },
      { port: { number: 5443, name: 'https-ssl', protocol: 'HTTPS' }, hosts: ['*'], tls: { mode: 'SIMPLE', credentialName: 'qcloud-abcdABCD' } },
      { port: { number: 6443, name: 'clb-https-6443-ABCDabcd', protocol: 'HTTP' }, hosts: ['tcm.tencent.com'] },
    ]);
  });

  test('writes the provisioning options TCM exposes', () => {
    const { app, mesh } = tcmMesh();
    seedGateway(mesh);
    const out = synth(app);
    const options = JSON.parse(fs.readFileSync(path.join(out.outdir, 'tcm/gateway-istio-system-istio-ingressgateway.json'), 'utf8'));
    expect(options).toEqual({
      name: 'istio-ingressgateway',
      namespace: 'istio-system',
      cluster: 'tcm-primary',
      type: 'ingress',
      accessType: 'private',
      loadBalancer: { existing: 'lb-abcd1234' },
      preserveClientSourceIp: true,
      deploymentMode: 'exclusive',
      exclusiveNodes: ['10.0.0.5', '10.0.1.5'],
      ports: [80, 5443, 6443],
    });
  });

  test('MESH-PLAT-003: TCM needs exactly one primary cluster', () => {
    const app = testApp();
    new Mesh(app, 'mesh', { meshId: 'm', istioVersion: IstioVersion.of('1.22.5'), platform: Platform.tcm(), clusters: [{ name: 'a' }, { name: 'b' }] });
    expect(synthError(app)).toContain('MESH-PLAT-003 [error] at mesh: A Tencent Cloud Mesh needs exactly one PRIMARY cluster, which receives the Istio configuration, and no CONFIG cluster. On Tencent Cloud Mesh. Value: ["a:primary","b:primary"].');
  });

  test('MESH-PLAT-004: TCM ignores istio-injection', () => {
    const { app } = tcmMesh({ injection: InjectionScheme.LEGACY });
    expect(synthError(app)).toContain('MESH-PLAT-004 [error] at mesh: Tencent Cloud Mesh ignores the `istio-injection` label; namespaces must be labelled `istio.io/rev=<version-with-dashes>`. On Tencent Cloud Mesh. Value: "legacy".');
  });

  test('MESH-PLAT-005: TCM revisions are the version with dashes', () => {
    const { app } = tcmMesh({ revision: 'canary' });
    expect(synthError(app)).toContain('MESH-PLAT-005 [error] at mesh: Tencent Cloud Mesh revisions are the Istio version with dashes, e.g. `1-12-5`. On Tencent Cloud Mesh. Value: "canary".');
  });

  test('accepts an explicit TCM revision such as 1-12-5', () => {
    const { app, mesh } = tcmMesh({ revision: '1-12-5' });
    mesh.addNamespace('demo');
    expect(synth(app).find('tcm-primary', 'Namespace', 'demo').metadata.labels).toEqual({ 'istio.io/rev': '1-12-5' });
  });

  test('MESH-PLAT-012: a cloud certificate on MUTUAL TLS', () => {
    const { app, mesh } = tcmMesh();
    new TcmGateway(mesh, 'gw', {
      name: 'istio-ingressgateway',
      gatewayType: TcmGatewayType.INGRESS,
      servers: [{ port: 443, protocol: Protocol.HTTPS, hosts: ['*'], tls: { mode: TcmTlsMode.MUTUAL, certificate: TcmCertificate.fromSslCertificateService('abc') } }],
    });
    expect(synthError(app)).toContain('MESH-PLAT-012 [error] at mesh/gw/servers/443: Tencent Cloud Mesh loads SSL Certificate Service certificates (`credentialName: qcloud-<id>`) in SIMPLE TLS mode only. On Tencent Cloud Mesh. Value: "MUTUAL".');
  });

  test('MESH-PLAT-013: CLB offload on a non-HTTP port', () => {
    const { app, mesh } = tcmMesh();
    new TcmGateway(mesh, 'gw', {
      name: 'istio-ingressgateway',
      gatewayType: TcmGatewayType.INGRESS,
      servers: [{ port: 9000, protocol: Protocol.TCP, hosts: ['*'], clbCertificateId: 'abc' }],
    });
    expect(synthError(app)).toContain('MESH-PLAT-013 [error] at mesh/gw/servers/9000: Tencent Cloud Mesh offloads TLS at the CLB (`clb-https-<port>-<certificateId>`) only on HTTP ports without gateway TLS. On Tencent Cloud Mesh. Value: "TCP".');
  });

  test('MESH-PLAT-014: one port offloaded inconsistently', () => {
    const { app, mesh } = tcmMesh();
    new TcmGateway(mesh, 'gw', {
      name: 'istio-ingressgateway',
      gatewayType: TcmGatewayType.INGRESS,
      servers: [
        { port: 443, protocol: Protocol.HTTP, hosts: ['a.example.com'], clbCertificateId: 'cert1' },
        { port: 443, protocol: Protocol.HTTP, hosts: ['b.example.com'], clbCertificateId: 'cert2' },
      ],
    });
    expect(synthError(app)).toContain('MESH-PLAT-014 [error] at mesh/gw/servers/443: Tencent Cloud Mesh needs a port offloaded consistently: every server on a gateway port must use the same CLB certificate, or none. On Tencent Cloud Mesh. Value: ["clb-https-443-cert1","clb-https-443-cert2"].');
  });

  test('MESH-PLAT-015: load-balancer options on an egress gateway', () => {
    const { app, mesh } = tcmMesh();
    new TcmGateway(mesh, 'gw', {
      name: 'istio-egressgateway',
      gatewayType: TcmGatewayType.EGRESS,
      existingLoadBalancerId: 'lb-1',
      servers: [{ port: 80, protocol: Protocol.HTTP, hosts: ['*'] }],
    });
    expect(synthError(app)).toContain('MESH-PLAT-015 [error] at mesh/gw/existingLoadBalancerId: Tencent Cloud Mesh load-balancer options (access type, existing CLB, client source IP, CLB offload) apply to ingress gateways only. On Tencent Cloud Mesh. Value: "existingLoadBalancerId".');
  });

  test('MESH-PLAT-018: a TcmGateway on an ASM mesh', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', { meshId: 'm', platform: Platform.asm(), clusters: [{ name: 'cp', role: ClusterRole.CONFIG }, { name: 'a', role: ClusterRole.REMOTE }] });
    new TcmGateway(mesh, 'gw', { name: 'gw', gatewayType: TcmGatewayType.INGRESS, servers: [] });
    expect(synthError(app)).toContain('MESH-PLAT-018 [error] at mesh/gw: The construct is specific to another platform than the mesh\'s. On Alibaba Cloud ASM. TcmGateway is provisioned by Tencent Cloud Mesh. Value: "TcmGateway".');
  });

  test('an IngressGateway on TCM: no workloads, listeners in the primary, provisioning options written', () => {
    const { app, mesh } = tcmMesh();
    const ingress = new IngressGateway(mesh, 'ingress', { tcm: { existingLoadBalancerId: 'lb-1', deploymentMode: TcmDeploymentMode.EXCLUSIVE } });
    ingress.addListener('web', {
      name: 'web',
      servers: [{ port: 443, name: TcmClbOffload.portName(443, 'cert1'), protocol: Protocol.HTTP, hosts: ['web.example.com'] }],
    });
    const out = synth(app);
    for (const cluster of ['tcm-primary', 'tcm-remote']) expect(out.ofKind(cluster, 'Deployment')).toEqual([]);
    expect(out.find('tcm-primary', 'Gateway', 'web', 'istio-system').spec.servers[0].port.name).toBe('clb-https-443-cert1');
    expect(JSON.parse(out.text('tcm/gateway-istio-system-istio-ingressgateway.json'))).toMatchObject({
      loadBalancer: { existing: 'lb-1' }, deploymentMode: 'exclusive', ports: [443],
    });
  });

  test('MESH-PLAT-012 on an IngressGateway listener: a qcloud certificate on MUTUAL TLS', () => {
    const { app, mesh } = tcmMesh();
    const ingress = new IngressGateway(mesh, 'ingress');
    ingress.addListener('web', {
      name: 'web',
      servers: [{
        port: 443,
        protocol: Protocol.HTTPS,
        hosts: ['web.example.com'],
        tls: { mode: GatewayTlsMode.MUTUAL, credentialName: TcmCertificate.fromSslCertificateService('abc').credentialName },
      }],
    });
    expect(synthError(app)).toContain('MESH-PLAT-012 [error] at mesh/ingress/web/servers/443: Tencent Cloud Mesh loads SSL Certificate Service certificates');
  });

  test('MESH-PLAT-020: a control-plane topology on a managed platform; no istiod artifacts', () => {
    const app = testApp();
    const mesh = new Mesh(app, 'mesh', {
      meshId: 'm',
      istioVersion: IstioVersion.of('1.22.5'),
      platform: Platform.tcm(),
      topology: MeshTopology.MULTI_PRIMARY,
      clusters: [{ name: 'tcm-primary' }],
    });
    expect(mesh.controlPlane).toBeUndefined();
    expect(synthError(app)).toContain('MESH-PLAT-020 [error] at mesh/topology: Managed platforms (Alibaba Cloud ASM, Tencent Cloud Mesh, DaoCloud DCE) run the control plane, so the mesh must not declare a control-plane topology. On Tencent Cloud Mesh. Value: "tcm".');
  });
});
