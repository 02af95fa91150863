/**
 * The Panel's drawings, with recharts: bars only (lengths compare better than angles), no
 * animation (the numbers are there at once, and nothing moves for people who get dizzy), the
 * desk's colours (each at least 4.5:1 on white), Spanish numbers. Each drawing sits inside a
 * ChartCard, which gives it its name, summary and table.
 */
import { Bar, BarChart, CartesianGrid, Cell, LabelList, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../../shared/format';
import type { ChartRow } from './ChartCard';

/** Colours with at least 4.5:1 contrast on white, told apart by more than hue alone. */
export const CHART_COLORS = {
  accent: '#0b5cad',
  ok: '#17663a',
  warn: '#8a5300',
  danger: '#b42318',
  muted: '#4a5565',
  violet: '#5b3fa6',
} as const;

const AXIS = { fill: '#1d2430', fontSize: 12.5 };
const GRID = '#dfe3e8';
const ROW_HEIGHT = 30;
/** The number axis under the bars: its tick labels and some air. */
const NUMBER_AXIS_HEIGHT = 24;

/** Longest label in characters → pixels for the category axis (12.5px text ≈ 7px a letter). */
const labelWidth = (rows: ChartRow[]) =>
  Math.min(260, Math.max(80, Math.max(...rows.map((row) => row.label.length)) * 7 + 12));

/**
 * One bar per row, longest first as given, the number printed at its end: reads like a ranked
 * list, and long Spanish labels fit on the left. The grid's lines are numbered on an axis below
 * (lines with no numbers read as a scale nobody can use). `colors` picks a colour per row key.
 */
export function HorizontalBars({
  rows,
  width,
  color = CHART_COLORS.accent,
  colors,
}: {
  rows: ChartRow[];
  width: number;
  color?: string;
  colors?: Record<string, string>;
}) {
  const height = rows.length * ROW_HEIGHT + 16 + NUMBER_AXIS_HEIGHT;
  return (
    <BarChart
      width={width}
      height={height}
      data={rows}
      layout="vertical"
      margin={{ top: 4, right: 48, bottom: 4, left: 4 }}
      accessibilityLayer={false}
    >
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis
        type="number"
        allowDecimals={false}
        tick={AXIS}
        tickLine={false}
        axisLine={{ stroke: GRID }}
        height={NUMBER_AXIS_HEIGHT}
        tickFormatter={(value: number) => formatNumber(value)}
      />
      <YAxis
        type="category"
        dataKey="label"
        width={labelWidth(rows)}
        tick={AXIS}
        tickLine={false}
        axisLine={{ stroke: GRID }}
        interval={0}
      />
      <Bar dataKey="value" fill={color} isAnimationActive={false} barSize={18}>
        {colors && rows.map((row) => <Cell key={row.key} fill={colors[row.key] ?? color} />)}
        <LabelList
          dataKey="value"
          position="right"
          formatter={(value: unknown) => formatNumber(Number(value))}
          style={AXIS}
        />
      </Bar>
    </BarChart>
  );
}

/** 24 columns, one per hour of Santiago's clock. */
export function HourColumns({ hours, width }: { hours: number[]; width: number }) {
  const data = hours.map((value, hour) => ({ hour: String(hour).padStart(2, '0'), value }));
  return (
    <BarChart
      width={width}
      height={220}
      data={data}
      margin={{ top: 16, right: 8, bottom: 4, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid vertical={false} stroke={GRID} />
      <XAxis dataKey="hour" tick={AXIS} tickLine={false} axisLine={{ stroke: GRID }} interval={1} />
      <YAxis
        allowDecimals={false}
        tick={AXIS}
        tickLine={false}
        axisLine={false}
        width={44}
        tickFormatter={(value: number) => formatNumber(value)}
      />
      <Bar dataKey="value" fill={CHART_COLORS.accent} isAnimationActive={false} />
    </BarChart>
  );
}
