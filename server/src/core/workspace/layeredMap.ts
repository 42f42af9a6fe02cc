/**
 * A map by string key whose copy costs what was changed since its base was made, not its size (the conflict groups of a
 * workspace's statements are copied for every model an edit makes: thousands of groups copied per keystroke, for the
 * few the edited section touches). The same two layers as the index's IdMap, for lookups by key only: `base` is never
 * changed once a copy shares it; `delta` holds this map's own entries over it (null: deleted from the base). A copy
 * shares the base and copies the delta; when the delta has grown past an eighth of the base, the copy folds it into a
 * new base. No iteration: whoever needs the entries in order keeps them elsewhere.
 */
export class LayeredMap<V extends object> {
  private constructor(
    private readonly base: Map<string, V>,
    private readonly delta: Map<string, V | null>,
  ) {}

  /** A map of `entries`, which it keeps as its base: the caller must not change `entries` afterwards. */
  static over<V extends object>(entries: Map<string, V>): LayeredMap<V> {
    return new LayeredMap(entries, new Map());
  }

  get(key: string): V | undefined {
    const d = this.delta.get(key);
    return d !== undefined ? (d ?? undefined) : this.base.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): void {
    this.delta.set(key, value);
  }

  delete(key: string): void {
    if (this.base.has(key)) this.delta.set(key, null);
    else this.delta.delete(key);
  }

  /** A map with the same entries that changes independently of this one (neither sees the other's later changes). */
  copy(): LayeredMap<V> {
    if (this.delta.size * 8 <= this.base.size) return new LayeredMap(this.base, new Map(this.delta));
    const base = new Map(this.base);
    for (const [key, value] of this.delta) {
      if (value === null) base.delete(key);
      else base.set(key, value);
    }
    return new LayeredMap(base, new Map());
  }

  /** Whether this map shares its base with `other` (a copy that did not fold). */
  sharesBaseWith(other: LayeredMap<V>): boolean {
    return this.base === other.base;
  }
}
