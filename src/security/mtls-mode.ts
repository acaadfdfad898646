/**
 * How a workload accepts traffic from its peers (PeerAuthentication `mtls.mode`).
 */
export enum MtlsMode {
  /** Inherit from the parent scope; a mesh-wide UNSET means PERMISSIVE. As `MeshProps.mtls`: emit no mesh-wide policy. */
  UNSET = 'UNSET',
  /** Accept both mTLS and plaintext; the stage between DISABLE and STRICT. */
  PERMISSIVE = 'PERMISSIVE',
  /** Accept mTLS only. */
  STRICT = 'STRICT',
  /** Accept plaintext only. Do not use unless you provide your own security. */
  DISABLE = 'DISABLE',
}
