import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

export interface ChartLine {
  readonly label: string;
  /** [epoch ms, value] pairs. */
  readonly points: ReadonlyArray<readonly [number, number]>;
}

const COLORS = ['#228be6', '#fa5252', '#40c057', '#fab005', '#7950f2', '#15aabf', '#fd7e14', '#e64980'];

/**
 * A time-series line chart (uPlot: canvas, ~50 KB, labels drawn as text on the canvas, so no
 * untrusted name is ever parsed as HTML). Lines are aligned on the union of their timestamps.
 */
export function TimeChart({
  title,
  lines,
  height = 220,
}: {
  readonly title: string;
  readonly lines: readonly ChartLine[];
  readonly height?: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (element === null) return undefined;
    const times = [...new Set(lines.flatMap((line) => line.points.map(([t]) => t)))].sort((a, b) => a - b);
    const columns = lines.map((line) => {
      const byTime = new Map(line.points.map(([t, value]) => [t, value]));
      return times.map((t) => byTime.get(t) ?? null);
    });
    const data: uPlot.AlignedData = [times.map((t) => t / 1000), ...columns];
    const plot = new uPlot(
      {
        title,
        width: Math.max(300, element.clientWidth),
        height,
        series: [
          {},
          ...lines.map((line, index) => ({ label: line.label, stroke: COLORS[index % COLORS.length], width: 2, spanGaps: true })),
        ],
        axes: [{}, { size: 60 }],
        legend: { show: true },
      },
      data,
      element,
    );
    return () => plot.destroy();
  }, [title, lines, height]);
  return <div ref={host} role="img" aria-label={title} />;
}
