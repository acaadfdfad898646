import { EastWestGateway, Mesh } from '../../src';

/**
 * The guide's east-west gateway in one cluster (`gen-eastwest-gateway.sh --network <net>`), exposing istiod if asked;
 * without the cross-network gateway when the mesh has one network (the single-network primary-remote guide applies none).
 */
export function addGuideEastWestGateway(mesh: Mesh, cluster: string, exposeIstiod: boolean = false, crossNetwork: boolean = true): EastWestGateway {
  return new EastWestGateway(mesh, `eastwest-${cluster}`, { clusters: [cluster], exposeIstiod, crossNetwork });
}
