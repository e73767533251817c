import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';

// Only what these charts use, so the campaign's chunk stays small and no other route loads ECharts at all.
echarts.use([
  BarChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
]);

/** The palette of the console's theme (AA on white for the labels drawn beside the bars). */
const COLORS = ['#0958d9', '#237804', '#ad4e00', '#cf1322', '#531dab', '#006d75', '#595959', '#c41d7f'];

export interface Series {
  key: string;
  label: string;
}

/** A chart as an image with a text alternative: the numbers it draws are also in the tables beside it. */
function Chart({
  option,
  label,
  height,
}: {
  option: echarts.EChartsCoreOption;
  label: string;
  height: number;
}) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge={false}
        style={{ height, width: '100%' }}
        opts={{ renderer: 'canvas' }}
      />
    </div>
  );
}

/** Offices by status: one bar per status; the bars move when the counts change (replay, playback). */
export function StatusChart({
  counts,
  statuses,
  label,
}: {
  counts: Record<string, number>;
  statuses: Series[];
  label: string;
}) {
  const option = {
    color: COLORS,
    aria: { enabled: true },
    animationDurationUpdate: 600,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: statuses.map((s) => s.label), inverse: true },
    series: [
      {
        type: 'bar',
        data: statuses.map((s, i) => ({
          value: counts[s.key] ?? 0,
          itemStyle: { color: COLORS[i % COLORS.length] },
        })),
        label: { show: true, position: 'right', color: '#262626' },
      },
    ],
  };
  return <Chart option={option} label={label} height={Math.max(160, statuses.length * 30)} />;
}

/** Offices by sponsor unit, stacked by status. */
export function UnitChart({
  byUnit,
  units,
  statuses,
  label,
}: {
  byUnit: Record<string, Record<string, number>>;
  units: Series[];
  statuses: Series[];
  label: string;
}) {
  const option = {
    color: COLORS,
    aria: { enabled: true },
    animationDurationUpdate: 600,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: units.map((u) => u.label), inverse: true },
    series: statuses.map((s) => ({
      name: s.label,
      type: 'bar',
      stack: 'offices',
      data: units.map((u) => byUnit[u.key]?.[s.key] ?? 0),
    })),
  };
  return <Chart option={option} label={label} height={Math.max(200, units.length * 28 + 60)} />;
}

/** Filings against a phase deadline: on time, late, missing. */
export function CompliancePie({
  parts,
  label,
}: {
  parts: { label: string; value: number }[];
  label: string;
}) {
  const option = {
    color: ['#237804', '#ad4e00', '#cf1322', '#595959'],
    aria: { enabled: true },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '65%'],
        center: ['50%', '42%'],
        // A zero share draws no slice; its label would only crowd the others.
        data: parts.map((p) => ({ name: p.label, value: p.value, label: { show: p.value > 0 } })),
        label: { formatter: '{c}', color: '#262626' },
      },
    ],
  };
  return <Chart option={option} label={label} height={220} />;
}
