import { EastWestGateway, Mesh } from '../../src';

/** The guide's east-west gateway in one cluster (`gen-eastwest-gateway.sh --network <net>`), exposing istiod if asked. */
export function addGuideEastWestGateway(mesh: Mesh, cluster: string, exposeIstiod: boolean = false): EastWestGateway {
  return new EastWestGateway(mesh, `eastwest-${cluster}`, { clusters: [cluster], exposeIstiod });
}
