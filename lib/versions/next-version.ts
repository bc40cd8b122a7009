/**
 * The name a new version gets when none is asked for: the next whole number after the highest
 * an image has ("3" after "2.1"); names that do not start with a number do not count.
 */
export function nextVersionName(names: string[]): string {
  const numbers = names.map((name) => Number.parseInt(name, 10)).filter(Number.isSafeInteger);
  return String(Math.max(0, ...numbers) + 1);
}
