import { sortedRecord } from '../core/names';
import { IGatewayBinding } from '../gateways/gateway-binding';
import { VirtualServiceSpecHttpMatch, VirtualServiceSpecHttpMatchHeaders, VirtualServiceSpecHttpMatchUri } from '../imports/networking.istio.io';

/** How a string is compared. */
export enum StringMatchKind {
  /** The whole value equals the text. */
  EXACT = 'exact',
  /** The value starts with the text. */
  PREFIX = 'prefix',
  /** The value matches an RE2 regular expression. */
  REGEX = 'regex',
}

/**
 * A string comparison used by HTTP matches (uri, headers, query parameters, method, authority, scheme)
 * and CORS origins.
 */
export class StringMatch {
  /**
   * Matches the exact text.
   * @param value the text
   */
  public static exact(value: string): StringMatch {
    return new StringMatch(StringMatchKind.EXACT, value);
  }

  /**
   * Matches values starting with the text.
   * @param value the prefix
   */
  public static prefix(value: string): StringMatch {
    return new StringMatch(StringMatchKind.PREFIX, value);
  }

  /**
   * Matches an RE2 regular expression (no lookaround, no backreferences); checked at synth time.
   * @param pattern the RE2 pattern
   */
  public static regex(pattern: string): StringMatch {
    return new StringMatch(StringMatchKind.REGEX, pattern);
  }

  /**
   * Matches one cookie in a `cookie` header, wherever it appears among other cookies.
   * Use it as `headers: { cookie: StringMatch.cookie('vip', 'true') }`; an `exact` match on the
   * whole header would only match requests carrying that single cookie.
   * @param name the cookie name
   * @param value the cookie value
   */
  public static cookie(name: string, value: string): StringMatch {
    return StringMatch.regex(`^(.*?;\\s*)?${escapeRegex(name)}=${escapeRegex(value)}(;.*)?$`);
  }

  private constructor(
    /** How the value is compared. */
    public readonly kind: StringMatchKind,
    /** The text, prefix or pattern. */
    public readonly value: string,
  ) {}

  /** The Istio `StringMatch` object. @internal */
  public _render(): VirtualServiceSpecHttpMatchUri {
    switch (this.kind) {
      case StringMatchKind.EXACT: return { exact: this.value };
      case StringMatchKind.PREFIX: return { prefix: this.value };
      case StringMatchKind.REGEX: return { regex: this.value };
    }
  }
}

/**
 * The conditions of one HTTP match block. All set conditions must hold (AND);
 * a route's match blocks are alternatives (OR).
 */
export interface HttpMatch {
  /**
   * A name for the match, appended to the route name in access logs.
   * @default - none
   */
  readonly name?: string;
  /**
   * The request path.
   * @default - any path
   */
  readonly uri?: StringMatch;
  /**
   * Match the path case-insensitively.
   * @default false
   */
  readonly ignoreUriCase?: boolean;
  /**
   * Request headers that must match, by lower-case name.
   * @default - none
   */
  readonly headers?: { [name: string]: StringMatch };
  /**
   * Request headers that must not match (or be absent), by lower-case name.
   * @default - none
   */
  readonly withoutHeaders?: { [name: string]: StringMatch };
  /**
   * Query parameters that must match.
   * @default - none
   */
  readonly queryParams?: { [name: string]: StringMatch };
  /**
   * The HTTP method.
   * @default - any method
   */
  readonly method?: StringMatch;
  /**
   * The authority (Host header).
   * @default - any authority
   */
  readonly authority?: StringMatch;
  /**
   * The URI scheme.
   * @default - any scheme
   */
  readonly scheme?: StringMatch;
  /**
   * The port the request arrived on.
   * @default - any port
   */
  readonly port?: number;
  /**
   * Labels of the calling workloads.
   * @default - any caller
   */
  readonly sourceLabels?: { [key: string]: string };
  /**
   * The namespace of the calling workloads.
   * @default - any namespace
   */
  readonly sourceNamespace?: string;
  /**
   * Restrict the match to traffic arriving through these gateways (they must be bound to the route).
   * @default - every binding of the route
   */
  readonly gateways?: IGatewayBinding[];
  /**
   * Restrict the match to sidecar (mesh) traffic; combined with `gateways` it means either.
   * @default false
   */
  readonly fromMesh?: boolean;
}

/** Escapes RE2 metacharacters in literal text. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** True if the match block has no condition at all (matches every request). */
export function isCatchAllMatch(match: HttpMatch): boolean {
  const entries: [string, unknown][] = Object.entries(match);
  return entries.every(([key, value]) => key === 'name' || key === 'ignoreUriCase' || value === undefined || value === false
    || (typeof value === 'object' && value !== null && !(value instanceof StringMatch) && Object.keys(value).length === 0));
}

/** Renders one match block. */
export function renderHttpMatch(match: HttpMatch): VirtualServiceSpecHttpMatch {
  const gateways = [...(match.gateways ?? []).map(g => g.gatewayReference), ...(match.fromMesh ? ['mesh'] : [])];
  return {
    name: match.name,
    uri: match.uri?._render(),
    ignoreUriCase: match.ignoreUriCase,
    headers: renderMatchMap(match.headers),
    withoutHeaders: renderMatchMap(match.withoutHeaders),
    queryParams: renderMatchMap(match.queryParams),
    method: match.method?._render(),
    authority: match.authority?._render(),
    scheme: match.scheme?._render(),
    port: match.port,
    sourceLabels: nonEmpty(sortedRecord(match.sourceLabels)),
    sourceNamespace: match.sourceNamespace,
    gateways: gateways.length ? gateways.sort() : undefined,
  };
}

function renderMatchMap(map: { [name: string]: StringMatch } | undefined): { [name: string]: VirtualServiceSpecHttpMatchHeaders } | undefined {
  if (!map || Object.keys(map).length === 0) return undefined;
  const out: { [name: string]: VirtualServiceSpecHttpMatchHeaders } = {};
  for (const key of Object.keys(map).sort()) out[key] = map[key]._render();
  return out;
}

/** The record, or undefined when it has no keys. */
export function nonEmpty<T>(record: { [key: string]: T } | undefined): { [key: string]: T } | undefined {
  return record && Object.keys(record).length ? record : undefined;
}
