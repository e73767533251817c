import OpenAPIBackend from 'openapi-backend';
import type { EventStore } from '@liaison/event-store';

/**
 * The document's error schema, closed (a field it does not name is a failure), as a validator: every 4xx the API
 * sends must be this shape, whatever the request was.
 */
export async function errorShapeCheck(document: {
  components: { schemas: Record<string, unknown> };
}): Promise<(body: unknown) => string | undefined> {
  const schemas = structuredClone(document.components.schemas) as Record<string, Record<string, unknown>>;
  for (const name of ['ErrorBodyDto', 'ErrorDetailDto']) schemas[name]!.additionalProperties = false;
  const api = new OpenAPIBackend({
    definition: {
      openapi: '3.0.3',
      info: { title: 'error shape', version: '1' },
      paths: {
        '/error': {
          get: {
            operationId: 'error',
            responses: {
              default: {
                description: 'any refusal',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } },
              },
            },
          },
        },
      },
      components: { schemas: schemas as never },
    },
    strict: true,
    validate: true,
    quick: false,
  });
  await api.init();
  return (body) => {
    const result = api.validateResponse(body, 'error');
    return result.valid ? undefined : JSON.stringify(result.errors);
  };
}

/** The event log's head, as text: any append moves it. */
export async function headOf(store: EventStore): Promise<string> {
  const head = await store.headPosition();
  return head ? `${head.commit}/${head.prepare}` : 'empty';
}

/** Counts of what a run sent and got, for the report. */
export class FuzzTally {
  readonly statuses = new Map<number, number>();
  readonly operations = new Map<string, Map<number, number>>();
  readonly problems: string[] = [];
  requests = 0;

  record(operation: string, status: number): void {
    this.requests++;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    const byStatus = this.operations.get(operation) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.operations.set(operation, byStatus);
  }

  report(elapsedMs: number): string {
    const histogram = (counts: Map<number, number>) =>
      [...counts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(' ');
    return [
      `${this.requests} requests in ${(elapsedMs / 1000).toFixed(1)} s; statuses ${histogram(this.statuses)}`,
      ...[...this.operations.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([operation, counts]) => `  ${operation}: ${histogram(counts)}`),
    ].join('\n');
  }
}
