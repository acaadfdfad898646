/**
 * The synthetic mesh the benchmark synthesizes, built only from the library's public constructs.
 */
import { BenchSize } from './sizes';
import { Mesh, MeshApp, MeshService, Protocol } from '../../src';

export function buildMesh(app: MeshApp, size: BenchSize): Mesh {
  const clusters = Array.from({ length: size.clusters }, (_, i) => ({
    name: `cluster-${i + 1}`,
    network: `net-${(i % size.networks) + 1}`,
    region: `region-${(i % size.regions) + 1}`,
    zones: [`zone-${(i % 2) + 1}`],
  }));
  const mesh = new Mesh(app, 'bench', {
    meshId: 'bench-mesh',
    networks: Array.from({ length: size.networks }, (_, i) => ({ name: `net-${i + 1}` })),
    clusters,
  });
  const namespaces = Math.ceil(size.services / size.servicesPerNamespace);
  for (let n = 0; n < namespaces; n++) mesh.addNamespace(`team-${n + 1}`);
  for (let s = 0; s < size.services; s++) {
    const namespace = `team-${Math.floor(s / size.servicesPerNamespace) + 1}`;
    new MeshService(mesh, `svc-${s}`, {
      name: `svc-${s}`,
      namespace,
      ports: [{ port: 8080, protocol: Protocol.HTTP }],
      versions: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    });
  }
  return mesh;
}
