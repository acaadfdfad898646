import { MeshService } from '../workloads/mesh-service';

/** A construct id for a per-service child, unique within its parent. */
export function serviceChildId(service: MeshService): string {
  return `${service.namespaceName}-${service.name}`;
}
