import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_QUEUE = 'webhooks';

/** An outside system that receives the notices, as configured in WEBHOOKS. */
export interface WebhookSubscriber {
  /** Letters, digits, dashes: part of job ids and of the delivery id. */
  id: string;
  url: string;
  /** The HMAC-SHA256 key both sides hold. */
  secret: string;
  /** Only notices for these audiences (`supervisors:henan.nanyang`, …); all notices when absent. */
  audiences?: string[];
}

/**
 * WEBHOOKS: a JSON array of `{ "id", "url", "secret", "audiences"? }`. Errors name the entry and the rule, so a
 * bad configuration stops the start with its reason.
 */
export function parseWebhooks(text: string | undefined): WebhookSubscriber[] {
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('WEBHOOKS must be a JSON array of {"id","url","secret","audiences"?}');
  }
  if (!Array.isArray(parsed)) throw new Error('WEBHOOKS must be a JSON array');
  const seen = new Set<string>();
  return parsed.map((entry: unknown, index) => {
    const where = `WEBHOOKS[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where} must be an object`);
    const { id, url, secret, audiences } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(id)) {
      throw new Error(`${where}.id must be 1–64 letters, digits or dashes`);
    }
    if (seen.has(id)) throw new Error(`${where}.id ${id} is used twice`);
    seen.add(id);
    if (typeof url !== 'string' || !/^https?:\/\//.test(url) || !URL.canParse(url)) {
      throw new Error(`${where}.url must be an http(s) URL`);
    }
    if (typeof secret !== 'string' || secret.length < 16) {
      throw new Error(`${where}.secret must be at least 16 characters`);
    }
    if (
      audiences !== undefined &&
      (!Array.isArray(audiences) || audiences.some((a) => typeof a !== 'string'))
    ) {
      throw new Error(`${where}.audiences must be an array of audience strings`);
    }
    return { id, url, secret, ...(audiences ? { audiences: audiences as string[] } : {}) };
  });
}

/** What a delivery job carries: one notice for one subscriber. */
export interface WebhookJob {
  subscriberId: string;
  /** `<subscriber>.<event id>`: the same notice always has the same delivery id, so a receiver can drop repeats. */
  deliveryId: string;
  notice: Record<string, unknown>;
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

/** One POST; anything but a 2xx within the timeout is a failure the queue retries. */
export async function deliverWebhook(
  subscriber: WebhookSubscriber,
  job: WebhookJob,
  timeoutMs = 10_000,
): Promise<number> {
  const body = JSON.stringify({ deliveryId: job.deliveryId, subscriber: subscriber.id, notice: job.notice });
  const timestamp = String(Math.floor(Date.now() / 1000));
  let response: Response;
  try {
    response = await fetch(subscriber.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-liaison-delivery': job.deliveryId,
        'x-liaison-timestamp': timestamp,
        'x-liaison-signature': signWebhook(subscriber.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new WebhookDeliveryError(
      `${subscriber.id}: ${subscriber.url} unreachable: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) {
    throw new WebhookDeliveryError(
      `${subscriber.id}: ${subscriber.url} answered ${response.status}`,
      response.status,
    );
  }
  return response.status;
}
