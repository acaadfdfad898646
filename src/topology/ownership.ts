import { IConstruct } from 'constructs';

/**
 * Who holds a key of the mesh (see `OwnershipRegistry.claim`).
 */
export interface OwnerClaim {
  /** The construct that claimed the key first. */
  readonly owner: IConstruct;
  /** What the owner declared for the key (compared by constructs that may share an identical object). */
  readonly signature: string;
  /** True if this call made the claim (no earlier owner). */
  readonly first: boolean;
}

/**
 * The mesh's one registry for "one owner per key" (one VirtualService per host, one namespace-wide Sidecar
 * per namespace, …) and for the members of a kind that checks look at together. Keys live in families
 * (`kind`) so different features never collide. Owned by the mesh: `mesh.ownership`.
 */
export class OwnershipRegistry {
  private readonly claims = new Map<string, Map<string, OwnerClaim>>();
  private readonly memberLists = new Map<string, IConstruct[]>();
  private readonly states = new Map<string, unknown>();

  /**
   * Claims `key` in the family `kind` for `owner`, unless another construct holds it already.
   * Returns the holding claim: `first` is true when this call made it.
   * @param kind the key family, e.g. `route/host`
   * @param key the key, e.g. `cluster-a/reviews.prod.svc.cluster.local`
   * @param owner the claiming construct
   * @param signature what the owner declares for the key; compare it to detect identical duplicates
   */
  public claim(kind: string, key: string, owner: IConstruct, signature?: string): OwnerClaim {
    let family = this.claims.get(kind);
    if (!family) this.claims.set(kind, family = new Map<string, OwnerClaim>());
    const earlier = family.get(key);
    if (earlier) return { ...earlier, first: false };
    const claim = { owner, signature: signature ?? '', first: true };
    family.set(key, claim);
    return claim;
  }

  /**
   * The owner of `key` in the family `kind`, if claimed.
   * @param kind the key family
   * @param key the key
   */
  public ownerOf(kind: string, key: string): IConstruct | undefined {
    return this.claims.get(kind)?.get(key)?.owner;
  }

  /**
   * Adds a member to the list `kind`.
   * @param kind the list, e.g. `operations/ProxyConfig`
   * @param member the construct
   * @returns true if it is the list's first member
   */
  public addMember(kind: string, member: IConstruct): boolean {
    const list = this.memberLists.get(kind);
    if (list) {
      list.push(member);
      return false;
    }
    this.memberLists.set(kind, [member]);
    return true;
  }

  /**
   * The mesh's one instance of a feature's state (`create()` runs once per mesh and family).
   * @param kind the state family, e.g. `security/registry`
   * @param create makes the state on first use
   * @internal
   */
  public _state<T>(kind: string, create: () => T): T {
    if (!this.states.has(kind)) this.states.set(kind, create());
    return this.states.get(kind) as T;
  }

  /**
   * The members of the list `kind`, in the order they were added.
   * @param kind the list
   */
  public members(kind: string): IConstruct[] {
    return [...this.memberLists.get(kind) ?? []];
  }
}
