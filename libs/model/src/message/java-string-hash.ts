/**
 * Java's `String.hashCode`: s[0]*31^(n-1) + … + s[n-1] over UTF-16 code units, wrapping at 32
 * bits. RocketMQ stores it as the tag hash code in every consume-queue entry and filters on it,
 * so it must match Java bit for bit. JavaScript strings are UTF-16 too, so `charCodeAt` yields
 * exactly Java's `char`s, surrogate halves included.
 */
export function javaStringHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}
