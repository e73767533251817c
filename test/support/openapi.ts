import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Validator } from '@seriousme/openapi-schema-validator';
import OpenAPIBackend, { type Document, type Operation } from 'openapi-backend';
import { DEMO_PASSWORD } from '@liaison/auth';
import type { Client, Reply } from './app';

/** Response headers the API sets on purpose: each must be documented for the status it comes with. */
const API_HEADERS = [
  'etag',
  'location',
  'idempotent-replayed',
  'read-models',
  'content-disposition',
  'www-authenticate',
];

/** What one call sent and got, as the contract check sees it. */
export interface Exchange {
  operationId: string;
  status: number;
  body: unknown;
}

/**
 * Every object schema closed: a response field the document does not name is a failure, so the document stays
 * complete as the API grows. Applied to a copy used for checking only.
 */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.properties && typeof schema.properties === 'object' && !('additionalProperties' in schema)) {
    schema.additionalProperties = false;
  }
  for (const value of Object.values(schema)) closeObjects(value);
}

/**
 * The served OpenAPI document and a client that checks every request and response against it with openapi-backend
 * (Ajv): the request must match an operation and its parameters and body, the status must be documented, and the
 * body and the API's headers must match what is documented for that status.
 */
export class ContractCheck {
  readonly problems: string[] = [];
  readonly exchanges: Exchange[] = [];

  private constructor(
    readonly base: string,
    readonly document: Document,
    private readonly api: OpenAPIBackend,
  ) {}

  static async load(base: string): Promise<ContractCheck> {
    const document = (await (await fetch(`${base}/docs/openapi.json`)).json()) as Document;
    const strict = structuredClone(document);
    closeObjects(strict.components);
    closeObjects(strict.paths);
    const api = new OpenAPIBackend({ definition: strict, strict: true, validate: true, quick: false });
    await api.init();
    return new ContractCheck(base, document, api);
  }

  /** The document against the OpenAPI 3.0 JSON schema: the errors, none when it is valid. */
  async documentErrors(): Promise<unknown[]> {
    const result = await new Validator().validate(structuredClone(this.document) as Record<string, unknown>);
    return result.valid ? [] : (result.errors as unknown[]);
  }

  /** Redocly's recommended rules over the document: each problem as `severity rule: message at pointer`. */
  async lintProblems(): Promise<string[]> {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(this.document),
      absoluteRef: 'openapi.json',
      config,
    });
    return problems.map(
      (problem) =>
        `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? ''}`,
    );
  }

  /** A client like test/support/app's, checking each call. */
  client(defaults: Record<string, string> = {}): Client {
    const call = async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const requestHeaders: Record<string, string> = {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...defaults,
        ...headers,
      };
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const response = await fetch(`${this.base}${path}`, { method, headers: requestHeaders, body: payload });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      const reply: Reply = {
        status: response.status,
        body: !text ? undefined : contentType.startsWith('application/json') ? JSON.parse(text) : text,
        headers: response.headers,
      };
      this.check(method, path, requestHeaders, body, reply, contentType);
      return reply;
    };
    return {
      get: (path, headers) => call('GET', path, undefined, headers),
      post: (path, body, headers) => call('POST', path, body, headers),
      patch: (path, body, headers) => call('PATCH', path, body, headers),
      delete: (path, headers) => call('DELETE', path, undefined, headers),
    } as Client;
  }

  async signedIn(
    username: string,
    password = DEMO_PASSWORD,
  ): Promise<Client & { headers: Record<string, string> }> {
    const reply = await this.client().post('/auth/login', { username, password });
    if (reply.status !== 200) throw new Error(`cannot sign in as ${username}: ${JSON.stringify(reply.body)}`);
    const headers = { authorization: `Bearer ${reply.body.accessToken}` };
    return Object.assign(this.client(headers), { headers });
  }

  /** A GET that answers with a stream that stays open: checked on its status and headers, then closed. */
  async openStream(path: string, headers: Record<string, string>): Promise<Reply> {
    const abort = new AbortController();
    const response = await fetch(`${this.base}${path}`, { headers, signal: abort.signal });
    const contentType = response.headers.get('content-type') ?? '';
    // The body is never read to its end; an empty text still has its media type checked against the document.
    const reply: Reply = { status: response.status, body: '', headers: response.headers };
    this.check('GET', path, headers, undefined, reply, contentType);
    abort.abort();
    await response.body?.cancel().catch(() => undefined);
    return reply;
  }

  private check(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: unknown,
    reply: Reply,
    contentType: string,
  ): void {
    const url = new URL(path, this.base);
    const request = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: typeof body === 'string' ? body : body,
    };
    const where = `${method} ${path} → ${reply.status}`;
    const operation = this.api.matchOperation(request) as Operation | undefined;
    if (!operation?.operationId) {
      this.problems.push(`${where}: no operation in the document`);
      return;
    }
    // A malformed request is sent on purpose to see its 400; the others must be what the document accepts.
    if (reply.status !== 400 && reply.status !== 413) {
      const valid = this.api.validateRequest(request, operation);
      if (!valid.valid) this.problems.push(`${where}: request ${JSON.stringify(valid.errors)}`);
    }
    const documented = operation.responses?.[String(reply.status)] as
      { content?: Record<string, unknown>; headers?: Record<string, unknown> } | undefined;
    this.exchanges.push({ operationId: operation.operationId, status: reply.status, body: reply.body });
    if (!documented) {
      this.problems.push(`${where}: status not documented`);
      return;
    }
    const mediaType = contentType.split(';')[0]!.trim();
    if (reply.body !== undefined && !documented.content?.[mediaType]) {
      this.problems.push(`${where}: ${mediaType} not documented`);
    }
    if (mediaType === 'application/json') {
      const valid = this.api.validateResponse(reply.body, operation, reply.status);
      if (!valid.valid) this.problems.push(`${where}: response ${JSON.stringify(valid.errors)}`);
    }
    const sent = Object.fromEntries(reply.headers.entries());
    const named = new Set(Object.keys(documented.headers ?? {}).map((name) => name.toLowerCase()));
    for (const header of API_HEADERS) {
      if (header in sent && !named.has(header))
        this.problems.push(`${where}: header ${header} not documented`);
    }
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if ((header as { required?: boolean }).required && !(name.toLowerCase() in sent)) {
        this.problems.push(`${where}: required header ${name} not sent`);
      }
    }
    const valid = this.api.validateResponseHeaders(sent, operation, { statusCode: reply.status });
    if (!valid.valid) this.problems.push(`${where}: headers ${JSON.stringify(valid.errors)}`);
  }
}
