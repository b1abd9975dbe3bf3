import type { Store } from '../store/store.ts';

/**
 * One process owns the desk's database; the service is how several people use it at once. Each
 * request's use of the store runs alone (one connection, one transaction at a time, and the audit
 * log is one chain whose next event needs the last), in arrival order; anything slow that needs no
 * store — receiving an upload, the matcher's own work — runs outside it.
 */
export class DeskAccess {
  readonly store: Store;
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(store: Store) {
    this.store = store;
  }

  /** Runs fn with the store once every earlier use has finished. */
  exclusive<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.tail.then(() => fn(this.store));
    this.tail = run.then(
      () => this.done(),
      () => this.done(),
    );
    return run;
  }

  /** Uses of the store waiting or running (graceful shutdown waits for none). */
  get busy(): number {
    return this.pending;
  }

  /** Resolves when every use queued so far has finished. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }

  private done(): void {
    this.pending--;
  }
}
