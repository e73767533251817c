/** One server-sent event as read off the wire (`event:` and `data:` lines); comments are counted apart. */
export interface ServerEvent {
  event: string;
  data: string;
}

/** A server-sent event stream read with fetch, as the browser's EventSource would, collecting what arrives. */
export class EventStreamReader {
  readonly events: ServerEvent[] = [];
  comments = 0;
  status = 0;
  headers = new Headers();
  private readonly abort = new AbortController();
  private done?: Promise<void>;

  static async open(url: string, headers: Record<string, string>): Promise<EventStreamReader> {
    const reader = new EventStreamReader();
    const response = await fetch(url, { headers, signal: reader.abort.signal });
    reader.status = response.status;
    reader.headers = response.headers;
    if (response.ok && response.body) reader.done = reader.read(response.body);
    else await response.text();
    return reader;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = { event: 'message', data: [] as string[] };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) this.comments++;
            else if (line.startsWith('event: ')) fields.event = line.slice(7);
            else if (line.startsWith('data: ')) fields.data.push(line.slice(6));
          }
          if (fields.data.length > 0) this.events.push({ event: fields.event, data: fields.data.join('\n') });
        }
      }
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    }
  }

  /** Waits until an event passes the test, or fails after `timeoutMs`. */
  async next(test: (event: ServerEvent) => boolean, timeoutMs = 5000): Promise<ServerEvent> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(test);
      if (found) return found;
      if (Date.now() > until)
        throw new Error(`no such event within ${timeoutMs} ms: ${JSON.stringify(this.events)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Resolves when the server has ended the stream. */
  async ended(): Promise<void> {
    await this.done;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}
