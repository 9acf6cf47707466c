/** Reads a Server-Sent Events stream (fetch, so it can send the bearer token) message by message. */
export interface SseStream {
  /** The next message's parsed `data`, waiting at most timeoutMs. */
  next(timeoutMs?: number): Promise<{ event: string; data: unknown }>;
  /** Messages until one satisfies `match`. */
  until(match: (data: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  close(): void;
}

export async function openSse(url: string, token: string): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (res.status !== 200) throw new Error(`SSE ${url}: HTTP ${res.status} ${await res.text()}`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: { event: string; data: unknown }[] = [];
  /** A read that outlived a timeout: the next call takes its chunk rather than losing it. */
  let pending: Promise<ReadableStreamReadResult<string>> | undefined;

  async function next(timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (queue.length === 0) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('No SSE message in time');
      const read = (pending ??= reader.read());
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        read,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('SSE timeout')), left);
        }),
      ]).finally(() => clearTimeout(timer));
      pending = undefined;
      if (chunk.done) throw new Error('SSE stream ended');
      buffer += chunk.value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) queue.push({ event, data: JSON.parse(data) });
      }
    }
    return queue.shift()!;
  }

  return {
    next,
    async until(match, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = await next(Math.max(1, deadline - Date.now()));
        if (match(m.data)) return m.data;
      }
    },
    close: () => abort.abort(),
  };
}
