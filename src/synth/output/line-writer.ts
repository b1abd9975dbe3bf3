import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

/**
 * Appends text to a file in chunks of about 256 KiB and waits for 'drain' when the stream's buffer
 * is full, so that generating millions of rows never holds more than a chunk or two in memory.
 */
export class LineWriter {
  static readonly CHUNK_CHARS = 256 * 1024;
  readonly #stream: WriteStream;
  #pending = '';

  constructor(file: string) {
    this.#stream = createWriteStream(file, { encoding: 'utf8' });
  }

  async write(text: string): Promise<void> {
    this.#pending += text;
    if (this.#pending.length >= LineWriter.CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.#pending) return;
    const chunk = this.#pending;
    this.#pending = '';
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.#stream.end();
    await finished(this.#stream);
  }
}
