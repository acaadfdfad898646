import { GatewayCompression } from './gateway-options';
import type { GatewayWorkload } from './gateway-workload';
import { RELATIVE_PATCH_PRIORITY } from '../core/envoy-filter-priority';
import { sortedRecord } from '../core/names';
import {
  EnvoyFilter, EnvoyFilterSpecConfigPatchesApplyTo, EnvoyFilterSpecConfigPatchesMatchContext,
  EnvoyFilterSpecConfigPatchesPatchOperation,
} from '../imports/networking.istio.io';
import { MeshCluster } from '../topology/cluster';
import { GatewayRules } from '../validation/rules/gateway';

/** The Envoy compressor filter with the gzip library, as ASM's `compression` configures it. */
export function compressorFilter(compression: GatewayCompression): Record<string, unknown> {
  const gzip = compression.gzip ?? {};
  return {
    name: 'envoy.filters.http.compressor',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.compressor.v3.Compressor',
      'response_direction_config': omitUndefined({
        common_config: omitUndefined({
          min_content_length: compression.minContentLength,
          content_type: compression.contentType,
        }),
        disable_on_etag_header: compression.disableOnEtagHeader,
        remove_accept_encoding_header: compression.removeAcceptEncodingHeader,
      }),
      'compressor_library': {
        name: 'text_optimized',
        typed_config: omitUndefined({
          '@type': 'type.googleapis.com/envoy.extensions.compression.gzip.compressor.v3.Gzip',
          'memory_level': gzip.memoryLevel,
          'compression_level': gzip.compressionLevel,
          'compression_strategy': gzip.compressionStrategy,
          'window_bits': gzip.windowBits,
          'chunk_size': gzip.chunkSize,
        }),
      },
    },
  };
}

/** Emits the EnvoyFilter that inserts the compressor before the router on the gateway's HTTP listeners. */
export function renderCompression(gateway: GatewayWorkload, clusters: MeshCluster[], compression: GatewayCompression): void {
  if (compression.enabled === false) return;
  for (const cluster of clusters) {
    new EnvoyFilter(cluster.scopeFor(gateway), 'Compression', {
      metadata: { name: `${gateway.name}-compression`, namespace: gateway.namespaceName },
      spec: {
        workloadSelector: { labels: sortedRecord(gateway.selector) },
        priority: compression.priority ?? RELATIVE_PATCH_PRIORITY,
        configPatches: [{
          applyTo: EnvoyFilterSpecConfigPatchesApplyTo.HTTP_UNDERSCORE_FILTER,
          match: {
            context: EnvoyFilterSpecConfigPatchesMatchContext.GATEWAY,
            listener: {
              filterChain: {
                filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } },
              },
            },
          },
          patch: { operation: EnvoyFilterSpecConfigPatchesPatchOperation.INSERT_UNDERSCORE_BEFORE, value: compressorFilter(compression) },
        }],
      },
    });
  }
}

/** Reports gzip settings outside zlib's ranges (MESH-GW-020). */
export function validateCompression(gateway: GatewayWorkload, compression: GatewayCompression): void {
  const gzip = compression.gzip ?? {};
  const ranges: Array<[string, number | undefined, number, number]> = [
    ['memoryLevel', gzip.memoryLevel, 1, 9],
    ['windowBits', gzip.windowBits, 9, 15],
    ['chunkSize', gzip.chunkSize, 4096, 65536],
  ];
  for (const [name, value, min, max] of ranges) {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      gateway.mesh.report(GatewayRules.GZIP_RANGE, gateway, { [name]: value });
    }
  }
}

function omitUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out;
}
