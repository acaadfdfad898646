import { Construct } from 'constructs';
import { revisionValue, ControlPlaneRevision } from './revision';
import { Gateway, GatewaySpecServersTlsMode, VirtualService } from '../imports/networking.istio.io';

/** The gateway that exposes istiod, as `samples/multicluster/expose-istiod.yaml` names it. */
export const ISTIOD_GATEWAY = 'istiod-gateway';

/**
 * Renders the guide's "Expose the control plane" objects into a primary: the `istiod-gateway` Gateway
 * (15012 xDS/CA and 15017 webhook, TLS PASSTHROUGH on the east-west gateway) and the `istiod-vs`
 * VirtualService routing them to istiod (15017 lands on istiod's Service port 443).
 * A revisioned control plane gets `istiod-vs-<rev>` routing SNI `istiod-<rev>...` (expose-istiod-rev.yaml.tmpl).
 */
export function renderIstiodExposure(scope: Construct, namespace: string, selector: { [key: string]: string }, revision: ControlPlaneRevision): void {
  const rev = revisionValue(revision);
  const service = rev ? `istiod-${rev}` : 'istiod';
  const host = `${service}.${namespace}.svc.cluster.local`;
  const sniHosts = rev ? [`${service}.${namespace}.svc`, host] : ['*'];
  new Gateway(scope, 'IstiodGateway', {
    metadata: { name: ISTIOD_GATEWAY, namespace },
    spec: {
      selector,
      servers: [
        { port: { name: 'tls-istiod', number: 15012, protocol: 'tls' }, tls: { mode: GatewaySpecServersTlsMode.PASSTHROUGH }, hosts: ['*'] },
        { port: { name: 'tls-istiodwebhook', number: 15017, protocol: 'tls' }, tls: { mode: GatewaySpecServersTlsMode.PASSTHROUGH }, hosts: ['*'] },
      ],
    },
  });
  new VirtualService(scope, `IstiodVirtualService${rev ?? ''}`, {
    metadata: { name: rev ? `istiod-vs-${rev}` : 'istiod-vs', namespace },
    spec: {
      hosts: ['*'],
      gateways: [ISTIOD_GATEWAY],
      tls: [
        { match: [{ port: 15012, sniHosts }], route: [{ destination: { host, port: { number: 15012 } } }] },
        { match: [{ port: 15017, sniHosts }], route: [{ destination: { host, port: { number: 443 } } }] },
      ],
    },
  });
}
