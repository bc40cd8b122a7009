// The writer of the benchmark's mixed scenario: edits public images of different users at a fixed
// rate, each sent on time whether or not the last was answered (a slow server does not slow the
// writer down), with each edit's latency.

export interface Editor {
  token: string;
  imageIds: string[];
}

export interface EditFigures {
  edits: number;
  errors: number;
  p99_ms: number;
}

/** Starts editing; `figures()` tells what was sent since the last call (once answered), `stop()` ends it. */
export function startPacedEdits({ url, editors, perSecond }: { url: string; editors: Editor[]; perSecond: number }) {
  let latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  const editOne = async () => {
    const n = sent++;
    const editor = editors[n % editors.length];
    const id = editor.imageIds[Math.floor(n / editors.length) % editor.imageIds.length];
    const started = performance.now();
    try {
      const response = await fetch(`${url}/api/v1/images/${id}`, {
        method: "PATCH",
        headers: { Authorization: `Token ${editor.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ description: `Edited by the benchmark, edit ${n}.` }),
      });
      await response.arrayBuffer();
      if (response.status !== 200) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - started);
  };
  const timer = setInterval(() => {
    const edit = editOne().finally(() => inFlight.delete(edit));
    inFlight.add(edit);
  }, 1000 / perSecond);
  // An edit still unanswered at the cut-off belongs to the window it was sent in: wait for it.
  const figures = async (): Promise<EditFigures> => {
    await Promise.all(inFlight);
    const sorted = latencies.sort((a, b) => a - b);
    const result = { edits: sorted.length, errors, p99_ms: Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0) };
    latencies = [];
    errors = 0;
    return result;
  };
  return {
    figures,
    async stop(): Promise<void> {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}
