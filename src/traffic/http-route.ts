import { Duration } from 'cdk8s';
import { CorsPolicy, renderCors } from './cors';
import { RouteDestination, renderDestination, renderWeighted } from './destination';
import { istioDuration } from './durations';
import { FaultInjection, renderFault } from './fault';
import { HeaderOperations, renderHeaderOperations } from './header-operations';
import { HttpMatch, renderHttpMatch } from './match';
import { RetryPolicy, renderRetries } from './retry';
import { VirtualServiceSpecHttp } from '../imports/networking.istio.io';
import { MeshService } from '../workloads/mesh-service';

/** Sends a redirect instead of forwarding. */
export interface HttpRedirect {
  /**
   * Replace the path.
   * @default - keep the path
   */
  readonly uri?: string;
  /**
   * Replace the authority (host).
   * @default - keep the authority
   */
  readonly authority?: string;
  /**
   * Replace the port.
   * @default - keep the port
   */
  readonly port?: number;
  /**
   * Replace the scheme, e.g. `https`.
   * @default - keep the scheme
   */
  readonly scheme?: string;
  /**
   * The redirect status code (301, 302, 303, 307 or 308).
   * @default 301
   */
  readonly redirectCode?: number;
}

/** A regex rewrite of the path. */
export interface RegexRewrite {
  /** The RE2 pattern to match. */
  readonly match: string;
  /** The replacement, with `\1`-style group references. */
  readonly rewrite: string;
}

/** Rewrites the request before forwarding it. */
export interface HttpRewrite {
  /**
   * Replace the path; with a `prefix` uri match, only the matched prefix is replaced.
   * @default - keep the path
   */
  readonly uri?: string;
  /**
   * Replace the path using a regex.
   * @default - none
   */
  readonly uriRegex?: RegexRewrite;
  /**
   * Replace the authority (Host header).
   * @default - keep the authority
   */
  readonly authority?: string;
}

/** Answers requests directly. */
export interface DirectResponse {
  /** The HTTP status. */
  readonly status: number;
  /**
   * The response body.
   * @default - empty
   */
  readonly body?: string;
}

/** Hands the route's matched traffic to a delegate VirtualService (which must have no hosts). */
export interface RouteDelegate {
  /** The delegate VirtualService name. */
  readonly name: string;
  /**
   * Its namespace.
   * @default - the namespace of the root VirtualService
   */
  readonly namespaceName?: string;
}

/** Copies traffic to a second destination; responses are discarded. */
export interface HttpMirror {
  /** Where the copies go. */
  readonly destination: RouteDestination;
  /**
   * Share of requests mirrored, 0–100.
   * @default 100
   */
  readonly percentage?: number;
}

/**
 * One HTTP route: its matches, what it does (destinations, redirect, direct response or delegate),
 * and its per-route policy.
 */
export interface HttpRouteOptions {
  /**
   * The route name, shown in access logs and metrics.
   * @default - none
   */
  readonly name?: string;
  /**
   * Match blocks (OR-ed); none means the route matches every request (catch-all).
   * @default - catch-all
   */
  readonly match?: HttpMatch[];
  /**
   * Weighted destinations.
   * @default - none
   */
  readonly destinations?: RouteDestination[];
  /**
   * Redirect instead of forwarding.
   * @default - none
   */
  readonly redirect?: HttpRedirect;
  /**
   * Rewrite before forwarding.
   * @default - none
   */
  readonly rewrite?: HttpRewrite;
  /**
   * Answer directly.
   * @default - none
   */
  readonly directResponse?: DirectResponse;
  /**
   * Delegate to another VirtualService.
   * @default - none
   */
  readonly delegateTo?: RouteDelegate;
  /**
   * Overall request timeout.
   * @default - Istio's default (disabled)
   */
  readonly timeout?: Duration;
  /**
   * Retries.
   * @default - Istio's default retries
   */
  readonly retries?: RetryPolicy;
  /**
   * Fault injection.
   * @default - none
   */
  readonly fault?: FaultInjection;
  /**
   * Mirror traffic.
   * @default - none
   */
  readonly mirror?: HttpMirror;
  /**
   * Header manipulation.
   * @default - none
   */
  readonly headers?: HeaderOperations;
  /**
   * CORS policy.
   * @default - none
   */
  readonly cors?: CorsPolicy;
  /**
   * Emit this route only in these clusters (a subset of the route's clusters).
   * @default - every cluster of the TrafficRoute
   */
  readonly clusters?: string[];
}

/** Renders one `HTTPRoute`. */
export function renderHttpRoute(route: HttpRouteOptions, service: MeshService, namespace: string): VirtualServiceSpecHttp {
  return {
    name: route.name,
    match: route.match?.length ? route.match.map(renderHttpMatch) : undefined,
    route: route.destinations?.length ? renderWeighted(route.destinations, service, true) : undefined,
    redirect: route.redirect && { ...route.redirect },
    rewrite: route.rewrite && {
      uri: route.rewrite.uri,
      authority: route.rewrite.authority,
      uriRegexRewrite: route.rewrite.uriRegex && { match: route.rewrite.uriRegex.match, rewrite: route.rewrite.uriRegex.rewrite },
    },
    directResponse: route.directResponse && {
      status: route.directResponse.status,
      body: route.directResponse.body === undefined ? undefined : { string: route.directResponse.body },
    },
    delegate: route.delegateTo && { name: route.delegateTo.name, namespace: route.delegateTo.namespaceName ?? namespace },
    timeout: istioDuration(route.timeout),
    retries: renderRetries(route.retries),
    fault: renderFault(route.fault),
    mirror: route.mirror && renderDestination(route.mirror.destination, service),
    mirrorPercentage: route.mirror && { value: route.mirror.percentage ?? 100 },
    headers: renderHeaderOperations(route.headers),
    corsPolicy: renderCors(route.cors),
  };
}
