/**
 * A read-only list as the model's readers use it (a plain array satisfies it): `length`, `at`, iteration and the
 * callbacks. A batch index makes lists whose items are made when read (FootnoteRefColumns, BatchClauses): they extend
 * ReadListView, which gives the rest from `length` and `at` [^big_documents].
 */
export interface ReadList<T> extends Iterable<T> {
  readonly length: number;
  at(index: number): T | undefined;
  forEach(f: (item: T, index: number) => void): void;
  map<U>(f: (item: T, index: number) => U): U[];
  filter(f: (item: T, index: number) => boolean): T[];
  some(f: (item: T, index: number) => boolean): boolean;
  every(f: (item: T, index: number) => boolean): boolean;
}

/** The ReadList methods over `length` and `at(i)` (0 <= i < length, each read may make a new item). */
export abstract class ReadListView<T> implements ReadList<T> {
  abstract readonly length: number;
  abstract at(index: number): T | undefined;

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }

  forEach(f: (item: T, index: number) => void): void {
    for (let i = 0; i < this.length; i++) f(this.at(i)!, i);
  }

  map<U>(f: (item: T, index: number) => U): U[] {
    const out = new Array<U>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = f(this.at(i)!, i);
    return out;
  }

  filter(f: (item: T, index: number) => boolean): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.length; i++) {
      const item = this.at(i)!;
      if (f(item, i)) out.push(item);
    }
    return out;
  }

  some(f: (item: T, index: number) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (f(this.at(i)!, i)) return true;
    return false;
  }

  every(f: (item: T, index: number) => boolean): boolean {
    for (let i = 0; i < this.length; i++) if (!f(this.at(i)!, i)) return false;
    return true;
  }
}
