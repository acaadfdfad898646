import type { IstioVersion } from '../../topology/istio-version';

/**
 * TCM settings of a mesh.
 */
export interface TcmOptions {
  /**
   * The mesh's Istio version with patch, as TCM names revisions (`1.12.5` → `1-12-5`).
   * @default - the mesh's `istioVersion`
   */
  readonly version?: IstioVersion;
}
