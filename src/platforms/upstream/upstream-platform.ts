import { Platform, PlatformKind } from '../platform';

/**
 * Upstream Istio: the library emits istiod install artifacts (with a `topology`) and gateway workloads;
 * revisions are DNS labels, `default` unless the mesh names one. Every default of `Platform`.
 */
export class UpstreamPlatform extends Platform {
  /** The shared instance (`Platform.UPSTREAM`). */
  public static readonly INSTANCE = new UpstreamPlatform();

  /** 'upstream Istio'. */
  public readonly displayName = 'upstream Istio';

  public constructor() {
    super();
  }

  /** UPSTREAM. */
  public get kind(): PlatformKind {
    return PlatformKind.UPSTREAM;
  }
}
