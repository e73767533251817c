import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_CONFIG } from '@liaison/application';
import { metricsScrapeAllowed, ServiceMetrics, type AppConfig } from '@liaison/app';

/**
 * The worker has no HTTP API, so a small server answers Prometheus on METRICS_PORT (`GET /metrics`) and a
 * liveness probe (`GET /health/live`); nothing else. Each process is scraped on its own: its counters are its own.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: ServiceMetrics,
  ) {}

  /** Where it listens (with METRICS_PORT=0, the port the system gave), once started. */
  get url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `http://${this.config.host}:${address.port}` : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort === 'off') return;
    const registry = this.metrics.registry;
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      const send = (status: number, type: string, body: string) =>
        response.writeHead(status, { 'content-type': type }).end(body);
      if (request.method !== 'GET') return send(405, 'text/plain', 'GET only\n');
      if (path === '/health/live') return send(200, 'application/json', '{"status":"up"}');
      if (path !== '/metrics') return send(404, 'text/plain', 'not found: try /metrics\n');
      if (!metricsScrapeAllowed(this.config.metricsToken, request.headers.authorization)) {
        return send(401, 'text/plain', '/metrics needs Authorization: Bearer <METRICS_TOKEN>\n');
      }
      registry.metrics().then(
        (text) => send(200, registry.contentType, text),
        (error: unknown) => send(500, 'text/plain', `${String(error)}\n`),
      );
    });
    const port = this.config.metricsPort;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`METRICS_PORT ${port} is taken on ${this.config.host}: set another port, or off`)
            : error,
        ),
      );
      server.listen(port, this.config.host, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on ${this.url}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
