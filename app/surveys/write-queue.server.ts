/**
 * Group commit: submissions that arrive while a write is in progress are stored together in the next
 * transaction. SQLite has one writer; one transaction for many responses costs little more than one for a
 * single response, so under load throughput grows instead of requests queueing on the connection.
 * Each caller still gets its own outcome; a failing batch is retried item by item so one bad item cannot sink
 * the others.
 */
export class WriteQueue<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  push(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.pending.length > 0) {
        // Let requests that are already parsed join this batch.
        await new Promise((r) => setImmediate(r));
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          const results = await this.writeBatch(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve(results[i]));
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          for (const b of batch) {
            try {
              b.resolve((await this.writeBatch([b.item]))[0]);
            } catch (single) {
              b.reject(single);
            }
          }
        }
      }
    } finally {
      this.running = false;
    }
  }
}
