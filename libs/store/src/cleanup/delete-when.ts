/**
 * `deleteWhen`: the hours of day (local time, as RocketMQ's UtilAll.isItTimeToDo reads them) at
 * which expired commit-log files are deleted, e.g. `04` or `01;04`.
 */
export function isTimeToDelete(deleteWhen: string, epochMs: number): boolean {
  const hour = new Date(epochMs).getHours();
  return deleteWhen
    .split(';')
    .map((part) => part.trim())
    .some((part) => /^\d{1,2}$/.test(part) && Number(part) === hour);
}
