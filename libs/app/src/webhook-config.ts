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
