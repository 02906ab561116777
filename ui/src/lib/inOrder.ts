/**
 * Runs async steps one after another, in the order they were asked for, whether or not the one
 * before succeeded: a save asked for second builds on, and lands after, the one asked for first.
 */
export function inOrder(): <T>(step: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (step) => {
    const next = last.then(step);
    last = next.catch(() => undefined);
    return next;
  };
}
