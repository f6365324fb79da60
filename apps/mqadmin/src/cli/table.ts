/**
 * A text table as mqadmin prints them: `#`-prefixed headers, columns padded to the widest cell
 * and two spaces apart. Numbers are right-aligned so digits line up.
 */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((header, column) => Math.max(header.length + 1, ...cells.map((row) => (row[column] ?? '').length)));
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'));
  const line = (values: readonly string[], isHeader: boolean) =>
    values
      .map((value, column) => {
        const width = widths[column] ?? 0;
        return numeric[column] && !isHeader ? value.padStart(width) : value.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [
    line(
      headers.map((header) => `#${header}`),
      true,
    ),
    ...cells.map((row) => line(row, false)),
  ].join('\n');
}

/** `key: value` lines with the keys padded, for one record (a message, a broker's runtime info). */
export function renderFields(fields: ReadonlyArray<readonly [string, string | number]>): string {
  const width = Math.max(0, ...fields.map(([key]) => key.length));
  return fields.map(([key, value]) => `${key.padEnd(width)}  ${String(value)}`.trimEnd()).join('\n');
}

/** Java's UtilAll.timeMillisToHumanString2 shape: `yyyy-MM-dd HH:mm:ss,SSS` in local time; '' for 0. */
export function humanTime(ms: number): string {
  if (ms <= 0) return '';
  const date = new Date(ms);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())},${String(date.getMilliseconds()).padStart(3, '0')}`;
}
