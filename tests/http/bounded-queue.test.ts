import { describe, expect, it } from "vitest";
import { boundedQueue } from "@/lib/concurrency/bounded-queue";

const later = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
};

describe("boundedQueue", () => {
  it("runs at most `concurrency` tasks at once, the rest in order, and refuses past `maxWaiting`", async () => {
    const run = boundedQueue({ concurrency: 2, maxWaiting: 3, onFull: () => new Error("full") });
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, later);
    const tasks = gates.map((gate, index) =>
      run(async () => {
        started.push(index);
        most = Math.max(most, ++running);
        await gate.promise;
        running--;
        return index;
      }),
    );
    await expect(run(async () => "sixth")).rejects.toThrow("full");
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    // Slots are given back, also after a task fails.
    await expect(run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await Promise.all([run(async () => 1), run(async () => 2), run(async () => 3)])).toEqual([1, 2, 3]);
  });
});
