import { checkObject } from '../conformance';
import { SEED_EGRESS_GATEWAY, SEED_INGRESS_GATEWAY } from './asm-seed-fixtures';

/** A deep copy of `obj` with `spec` patched. */
function withSpec(obj: any, patch: Record<string, unknown>): any {
  const copy = JSON.parse(JSON.stringify(obj));
  copy.spec = { ...copy.spec, ...patch };
  return copy;
}

describe('IstioGateway CRD (imports/asm/istiogateway-crd.yaml)', () => {
  test('accepts the seed ingress gateway example', () => {
    expect(checkObject(SEED_INGRESS_GATEWAY)).toEqual([]);
  });

  test('accepts the seed egress gateway example', () => {
    expect(checkObject(SEED_EGRESS_GATEWAY)).toEqual([]);
  });

  test('accepts volumes, kernel parameters, HPA bounds and compression', () => {
    const full = withSpec(SEED_INGRESS_GATEWAY, {
      configVolumes: [{ name: 'config-volume-lua', configMapName: 'lua-libs', mountPath: '/var/lib/lua' }],
      secretVolumes: [{ name: 'certs', secretName: 'istio-certs', mountPath: '/etc/istio/certs' }],
      kernel: { enabled: true, parameters: { 'net.core.somaxconn': '65535' } },
      minReplicas: 2,
      maxReplicas: 5,
      memory: { targetAverageUtilization: 70 },
      compression: {
        enabled: true,
        content_type: ['application/json'],
        min_content_length: 100,
        disable_on_etag_header: true,
        remove_accept_encoding_header: false,
        gzip: { memory_level: 9, compression_level: 'BEST_COMPRESSION', compression_strategy: 'DEFAULT_STRATEGY', window_bits: 12, chunk_size: 4096 },
      },
    });
    expect(checkObject(full)).toEqual([]);
  });

  test('rejects an unknown field', () => {
    expect(checkObject(withSpec(SEED_INGRESS_GATEWAY, { replicas: 2 }))).toEqual([
      '/spec: must NOT have additional properties (unknown field "replicas")',
    ]);
  });

  test('rejects an unknown override field and a bad enum', () => {
    const bad = withSpec(SEED_INGRESS_GATEWAY, { serviceType: 'External' });
    bad.spec.overrides['<cluster-id-1>'].env = [];
    const errors = checkObject(bad);
    expect(errors).toContain('/spec/overrides/<cluster-id-1>: must NOT have additional properties (unknown field "env")');
    expect(errors.some(e => e.startsWith('/spec/serviceType: must be equal to one of the allowed values'))).toBe(true);
  });

  test('enforces the reference\'s cross-field rules with CEL', () => {
    expect(checkObject(withSpec(SEED_EGRESS_GATEWAY, { compression: { enabled: true } })))
      .toEqual(['/spec: CEL: compression applies to ingress gateways only']);
    expect(checkObject(withSpec(SEED_INGRESS_GATEWAY, { minReplicas: 3, maxReplicas: 2 })))
      .toEqual(['/spec: CEL: minReplicas must not exceed maxReplicas']);
    expect(checkObject(withSpec(SEED_EGRESS_GATEWAY, { overrides: { other: { replicaCount: 2 } } })))
      .toEqual(['/spec: CEL: every overrides key must be one of clusterIds']);
  });
});
