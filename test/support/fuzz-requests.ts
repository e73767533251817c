import fc from 'fast-check';
import {
  DATES,
  deepNesting,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  RawBody,
  strayBody,
  stringFor,
  huge,
  wrongType,
  type KnownValues,
} from './fuzz-values';

type Schema = Record<string, any>;
export type OpenApiDocument = {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
};

/** One operation of the OpenAPI document, as the generator needs it. */
export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Schema }[];
  body?: Schema;
}

/** A generated request: who sends it and what. */
export interface FuzzRequest {
  operation: Operation;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  contentType: string;
  body: unknown;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const body = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameters: (operation.parameters ?? []).map((parameter: any) => ({
          name: parameter.name,
          in: parameter.in,
          required: Boolean(parameter.required),
          schema: parameter.schema ?? { type: 'string' },
        })),
        ...(body ? { body } : {}),
      });
    }
  }
  return operations;
}

/** Values of a schema: mostly valid (with the app's own ids where the name says so), sometimes not. */
export class SchemaArbitraries {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly known: KnownValues,
  ) {}

  private resolve(schema: Schema): Schema {
    if (schema.$ref) {
      const name = String(schema.$ref).split('/').pop()!;
      return this.resolve(this.document.components.schemas[name]!);
    }
    if (schema.allOf?.length === 1) return this.resolve(schema.allOf[0]);
    return schema;
  }

  /** A value the schema accepts, as far as the document says (the app may have further rules). */
  valid(raw: Schema, name = '', depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
    switch (schema.type) {
      case 'boolean':
        return fc.boolean();
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? 0;
        const max = schema.maximum ?? 1_000_000;
        return schema.type === 'integer'
          ? fc.integer({ min, max })
          : fc.oneof(
              { weight: 4, arbitrary: fc.integer({ min, max }) },
              fc.double({ min, max, noNaN: true }),
            );
      }
      case 'array':
        return depth > 3
          ? fc.constant([])
          : fc.array(this.valid(schema.items ?? {}, name, depth + 1), { maxLength: 3 });
      case 'object':
        return depth > 3 ? fc.constant({}) : this.object(schema, depth);
      case 'string': {
        const text = stringFor(name, this.known);
        return schema.maxLength ? text.filter((value) => value.length <= schema.maxLength) : text;
      }
      default:
        return fc.oneof(fc.string(), fc.integer());
    }
  }

  private object(schema: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, property] of Object.entries(properties))
      model[key] = this.valid(property, key, depth + 1);
    return fc.record(model, { requiredKeys: (schema.required ?? []) as string[] });
  }

  /** A body for the schema: valid, or one mutation away from it, or something else entirely. */
  body(raw: Schema): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    const valid = this.valid(schema);
    const keys = Object.keys(schema.properties ?? {});
    const required = (schema.required ?? []) as string[];
    const mutations: fc.Arbitrary<unknown>[] = [strayBody];
    if (required.length) {
      mutations.push(
        fc.tuple(valid, fc.constantFrom(...required)).map(([value, key]) => {
          const copy = { ...(value as object) } as Record<string, unknown>;
          delete copy[key];
          return copy;
        }),
      );
    }
    if (keys.length) {
      mutations.push(
        fc
          .tuple(valid, fc.constantFrom(...keys), huge)
          .map(([value, key, text]) => ({ ...(value as object), [key]: text })),
      );
      mutations.push(
        fc
          .tuple(valid, fc.constantFrom(...keys), fc.oneof(wrongType, deepNesting))
          .map(([value, key, wrong]) => ({
            ...(value as object),
            [key]: wrong,
          })),
      );
    }
    mutations.push(
      fc
        .tuple(
          valid,
          fc.constantFrom('__proto__', 'constructor', 'extra', 'officeId', 'actor', 'role', 'revision'),
        )
        .map(([value, key]) => {
          const copy = { ...(value as object) } as Record<string, unknown>;
          Object.defineProperty(copy, key, { value: { admin: true }, enumerable: true });
          return copy;
        }),
    );
    return fc.oneof({ weight: 5, arbitrary: valid }, { weight: 4, arbitrary: fc.oneof(...mutations) });
  }

  /** A path or query parameter's text: valid, or wrong in type or range, or hostile. */
  parameter(parameter: { name: string; schema: Schema }): fc.Arbitrary<string> {
    const schema = this.resolve(parameter.schema);
    const valid = this.valid(schema, parameter.name).map((value) => String(value));
    return fc.oneof(
      { weight: 6, arbitrary: valid },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS.map(String), ...DATES) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    );
  }

  /** A whole request for an operation. */
  request(operation: Operation): fc.Arbitrary<FuzzRequest> {
    const path: Record<string, fc.Arbitrary<string>> = {};
    const query: Record<string, fc.Arbitrary<string>> = {};
    for (const parameter of operation.parameters) {
      if (parameter.in === 'path') path[parameter.name] = this.parameter(parameter);
      if (parameter.in === 'query') query[parameter.name] = this.parameter(parameter);
    }
    const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, arbitrary);
    const headers = fc
      .record({
        'idempotency-key': sometimes(fc.oneof(fc.uuid(), fc.constantFrom('k', 'x'.repeat(300), 'fuzz-1'))),
        'if-match': sometimes(
          fc.oneof(
            { weight: 4, arbitrary: fc.nat({ max: 12 }).map((version) => `"${version}"`) },
            fc.constantFrom('*', 'W/"2"', 'garbage', '"-1"', '"1e300"'),
          ),
        ),
        'x-request-id': sometimes(fc.constantFrom('fuzz', '\u00e9\u00e9', 'x'.repeat(500))),
      })
      .map((all) => Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)));
    const body = operation.body
      ? this.body(operation.body)
      : operation.method === 'GET'
        ? fc.constant(undefined)
        : fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, strayBody);
    return fc
      .record({
        path: fc.record(path),
        query: fc.record(query, { requiredKeys: [] }),
        headers,
        contentType: fc.oneof(
          { weight: 8, arbitrary: fc.constant('application/json') },
          fc.constantFrom(
            'application/json; charset=utf-8',
            'text/plain',
            'application/x-www-form-urlencoded',
          ),
        ),
        body,
      })
      .map((parts) => ({
        operation,
        method: operation.method,
        path: operation.path.replace(/\{(\w+)\}/g, (_, name: string) => pathSegment(parts.path[name]!)),
        query: new URLSearchParams(parts.query as Record<string, string>).toString(),
        headers: parts.headers as Record<string, string>,
        contentType: parts.contentType,
        body: parts.body,
      }));
  }
}

/** A path parameter as sent: percent-encoded, a lone surrogate as the bytes of invalid UTF-8 it would become. */
function pathSegment(value: string): string {
  return Array.from(value, (character) => {
    try {
      return encodeURIComponent(character);
    } catch {
      return '%ED%A0%80';
    }
  }).join('');
}

/** The request body as text and the content type it goes with. */
export function encodeBody(request: FuzzRequest): { text?: string; contentType?: string } {
  if (request.body === undefined) return {};
  const text = request.body instanceof RawBody ? request.body.text : JSON.stringify(request.body);
  return { text, contentType: request.contentType };
}
