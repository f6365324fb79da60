/**
 * Index files are named by their creation time as `yyyyMMddHHmmssSSS` in local time, as Java's
 * UtilAll.timeMillisToHumanString writes it, so names sort in creation order.
 */
export const INDEX_FILE_NAME_PATTERN = /^\d{17}$/;

export function indexFileName(timeMs: number): string {
  const date = new Date(timeMs);
  const two = (value: number): string => String(value).padStart(2, '0');
  return (
    String(date.getFullYear()).padStart(4, '0') +
    two(date.getMonth() + 1) +
    two(date.getDate()) +
    two(date.getHours()) +
    two(date.getMinutes()) +
    two(date.getSeconds()) +
    String(date.getMilliseconds()).padStart(3, '0')
  );
}

/** The creation time a name encodes (inverse of indexFileName). */
export function indexFileNameTimeMs(name: string): number {
  const part = (start: number, end: number): number => Number(name.slice(start, end));
  return new Date(part(0, 4), part(4, 6) - 1, part(6, 8), part(8, 10), part(10, 12), part(12, 14), part(14, 17)).getTime();
}
