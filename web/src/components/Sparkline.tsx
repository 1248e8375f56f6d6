/** A tiny line of an indicator's recent values, drawn as SVG (dozens of cards: no chart instance each). */
export function Sparkline({ points, width = 120, height = 28 }: { points: { value: number }[]; width?: number; height?: number }) {
  if (points.length === 0) return <svg className="sparkline" width={width} height={height} aria-hidden="true" />;
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const pad = 3;
  const x = (i: number) => (points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / span);
  const path = values.map((v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const last = values.length - 1;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <path d={path} className="sparkline-line" />
      <circle cx={x(last)} cy={y(values[last])} r={2.5} className="sparkline-dot" />
    </svg>
  );
}
