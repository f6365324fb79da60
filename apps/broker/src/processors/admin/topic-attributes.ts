/**
 * The `attributes` header of UPDATE_AND_CREATE_TOPIC: `+key=value,+key2=value2,-key3` (5.x). `+`
 * sets, `-` removes; on a create only the `+` entries matter, so this returns them as a record.
 * A string is returned instead when the text is malformed (it becomes the INVALID_PARAMETER remark).
 */
export function parseTopicAttributes(text: string | undefined): Record<string, string> | string {
  const attributes: Record<string, string> = {};
  if (text === undefined || text.trim() === '') return attributes;
  for (const entry of text.split(',')) {
    const item = entry.trim();
    if (item.startsWith('-') && item.length > 1) continue;
    const eq = item.indexOf('=');
    if (!item.startsWith('+') || eq < 2 || eq === item.length - 1)
      return `malformed topic attribute ${JSON.stringify(item)}; expected +key=value or -key`;
    attributes[item.slice(1, eq)] = item.slice(eq + 1);
  }
  return attributes;
}
