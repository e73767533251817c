import type { WebhookSubscriber } from '@liaison/app';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a delivery job carries: one notice for one subscriber. */
export interface WebhookJob {
  subscriberId: string;
  /** `<subscriber>.<event id>`: the same notice always has the same delivery id, so a receiver can drop repeats. */
  deliveryId: string;
  notice: Record<string, unknown>;
  /** The notice event's correlation id, for the delivery's log lines (absent on jobs queued before it was kept). */
  correlationId?: string;
}

/**
 * `X-Liaison-Signature: sha256=<hex>` over `<timestamp>.<body>`: the receiver recomputes it with the shared
 * secret, compares in constant time, and rejects a timestamp more than a few minutes old (replays).
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * The subscriber's URL as it may be logged and kept in a failed job: user name, password and query values (where a
 * receiver's token often travels) replaced by `***`.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(an invalid URL)';
  }
  if (parsed.username) parsed.username = '***';
  if (parsed.password) parsed.password = '***';
  for (const key of new Set(parsed.searchParams.keys())) parsed.searchParams.set(key, '***');
  return parsed.toString();
}

/**
 * Where to send and how to sign in there: user name and password in the URL (RFC 3986 userinfo, percent-decoded)
 * travel as `Authorization: Basic` (RFC 7617), as a browser would send them; fetch refuses a URL that holds them.
 */
export function receiverOf(url: string): { target: string; authorization?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { target: url };
  }
  if (!parsed.username && !parsed.password) return { target: url };
  const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = '';
  parsed.password = '';
  return {
    target: parsed.toString(),
    authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`,
  };
}

/** One POST; anything but a 2xx within the timeout is a failure the queue retries. */
export async function deliverWebhook(
  subscriber: WebhookSubscriber,
  job: WebhookJob,
  timeoutMs = 10_000,
): Promise<number> {
  const body = JSON.stringify({ deliveryId: job.deliveryId, subscriber: subscriber.id, notice: job.notice });
  const timestamp = String(Math.floor(Date.now() / 1000));
  // Errors are logged and kept with the failed job: they name the URL without its credentials.
  const shown = redactUrl(subscriber.url);
  const { target, authorization } = receiverOf(subscriber.url);
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: {
        ...(authorization ? { authorization } : {}),
        'content-type': 'application/json',
        'x-liaison-delivery': job.deliveryId,
        'x-liaison-timestamp': timestamp,
        'x-liaison-signature': signWebhook(subscriber.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = [subscriber.url, target].reduce(
      (text, url) => text.split(url).join(shown),
      error instanceof Error ? error.message : String(error),
    );
    throw new WebhookDeliveryError(`${subscriber.id}: ${shown} unreachable: ${cause}`);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) {
    throw new WebhookDeliveryError(`${subscriber.id}: ${shown} answered ${response.status}`, response.status);
  }
  return response.status;
}
