// Tasks of their own for the work a long document is shown in.

/** The part of the Prioritized Task Scheduling API used here (Chromium, Firefox). */
interface TaskScheduler {
  postTask(task: () => void, options: { priority: string; signal: AbortSignal }): Promise<void>;
}

/**
 * `user-blocking` runs before the next frame, `user-visible` after it (one task a frame,
 * with input first), `background` when nothing else waits.
 */
export type Priority = "user-blocking" | "user-visible" | "background";

/**
 * Runs `task` in a task of its own; returns what cancels it. A `user-blocking` task runs
 * before the next frame: with setTimeout, Chromium drew a frame between every two slices
 * and the whole 256 KB document took ~40% longer to show. Input still comes first, and
 * Chromium draws a frame at least every ~100 ms. `after_frame` waits for the next frame
 * first (in a visible page), so what is already shown is drawn at once.
 */
export function schedule(task: () => void, after_frame: boolean, priority: Priority): () => void {
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask !== "function") {
    const timer = setTimeout(task, 0);
    return () => clearTimeout(timer);
  }
  const post_task = scheduler.postTask.bind(scheduler);
  const controller = new AbortController();
  const post = (): void => {
    post_task(task, { priority, signal: controller.signal }).catch(
      () => undefined, // rejected when cancelled
    );
  };
  if (!after_frame || document.visibilityState !== "visible") {
    post();
    return () => controller.abort();
  }
  // A task posted from an animation frame callback runs after that frame is drawn.
  const frame = requestAnimationFrame(post);
  return () => {
    cancelAnimationFrame(frame);
    controller.abort();
  };
}

/** Work per task for what `run_in_tasks` spreads out. */
const TASK_BUDGET_MS = 12;
let queue: Promise<void> = Promise.resolve();
let queued = 0;
let task_started = 0;

function next_task(): Promise<void> {
  return new Promise((resolve) => schedule(resolve, false, "background"));
}

/**
 * Calls `work` on each item, in tasks of about TASK_BUDGET_MS: one queue for all callers,
 * so many documents (or parts) highlighted at once still make no long task.
 */
export function run_in_tasks<T>(items: readonly T[], work: (item: T) => void): Promise<void> {
  if (queued++ === 0) task_started = performance.now();
  const run = queue.then(async () => {
    for (const item of items) {
      if (performance.now() - task_started > TASK_BUDGET_MS) {
        await next_task();
        task_started = performance.now();
      }
      work(item);
    }
  });
  queue = run
    .catch(() => undefined)
    .finally(() => {
      queued--;
    });
  return run;
}
