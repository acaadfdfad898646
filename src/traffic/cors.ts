import { Duration } from 'cdk8s';
import { istioDuration } from './durations';
import { StringMatch } from './match';
import { VirtualServiceSpecHttpCorsPolicy } from '../imports/networking.istio.io';

/** Cross-origin resource sharing for a route. */
export interface CorsPolicy {
  /** Origins allowed to make requests. */
  readonly allowOrigins: StringMatch[];
  /**
   * Methods allowed, e.g. `['GET', 'POST']`.
   * @default - none
   */
  readonly allowMethods?: string[];
  /**
   * Request headers allowed.
   * @default - none
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers browsers may read.
   * @default - none
   */
  readonly exposeHeaders?: string[];
  /**
   * How long preflight results may be cached.
   * @default - not cached
   */
  readonly maxAge?: Duration;
  /**
   * Allow credentials.
   * @default false
   */
  readonly allowCredentials?: boolean;
}

/** Renders the Istio `CorsPolicy`. */
export function renderCors(cors: CorsPolicy | undefined): VirtualServiceSpecHttpCorsPolicy | undefined {
  if (!cors) return undefined;
  return {
    allowOrigins: cors.allowOrigins.map(o => o._render()),
    allowMethods: cors.allowMethods,
    allowHeaders: cors.allowHeaders,
    exposeHeaders: cors.exposeHeaders,
    maxAge: istioDuration(cors.maxAge),
    allowCredentials: cors.allowCredentials,
  };
}
