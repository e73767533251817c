import { loadConfig } from './config';
import { metricsScrapeAllowed, ServiceMetrics } from './metrics';

describe('ServiceMetrics', () => {
  it('counts commands by stream, type and outcome and times them, in a registry of its own', async () => {
    const metrics = new ServiceMetrics();
    const other = new ServiceMetrics();
    metrics.observe({ stream: 'office', command: 'RegisterOffice', outcome: 'accepted', seconds: 0.004 });
    metrics.observe({ stream: 'office', command: 'RegisterOffice', outcome: 'refused', seconds: 0.002 });
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'liaison_commands_total{stream="office",command="RegisterOffice",outcome="accepted"} 1',
    );
    expect(text).toContain(
      'liaison_commands_total{stream="office",command="RegisterOffice",outcome="refused"} 1',
    );
    expect(text).toContain(
      'liaison_command_duration_seconds_bucket{le="0.005",stream="office",command="RegisterOffice"} 2',
    );
    expect(await other.registry.metrics()).not.toContain('outcome="accepted"');
  });
});

describe('metricsScrapeAllowed', () => {
  it('lets every scrape in without METRICS_TOKEN, and only its bearer with it', () => {
    expect(metricsScrapeAllowed(undefined, undefined)).toBe(true);
    expect(metricsScrapeAllowed('s3cret', 'Bearer s3cret')).toBe(true);
    expect(metricsScrapeAllowed('s3cret', 'Bearer s3cre')).toBe(false);
    expect(metricsScrapeAllowed('s3cret', 's3cret')).toBe(false);
    expect(metricsScrapeAllowed('s3cret', undefined)).toBe(false);
  });
});

describe('observability settings', () => {
  it('reads LOG_FORMAT, METRICS_PORT, METRICS_TOKEN and READINESS_MAX_LAG_MS, refusing what they cannot be', () => {
    expect(loadConfig({})).toMatchObject({ logFormat: 'json', metricsPort: 9464, readinessMaxLagMs: 30_000 });
    expect(loadConfig({}).metricsToken).toBeUndefined();
    const set = loadConfig({
      LOG_FORMAT: 'pretty',
      METRICS_PORT: 'off',
      METRICS_TOKEN: 't',
      READINESS_MAX_LAG_MS: '0',
    });
    expect(set).toMatchObject({
      logFormat: 'pretty',
      metricsPort: 'off',
      metricsToken: 't',
      readinessMaxLagMs: 0,
    });
    expect(loadConfig({ METRICS_PORT: '0' }).metricsPort).toBe(0);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be json or pretty/);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});
