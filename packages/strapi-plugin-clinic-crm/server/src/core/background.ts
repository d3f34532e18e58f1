/**
 * Work the plugin starts outside a request (scheduled jobs). Shutdown stops new runs and waits,
 * up to a deadline, for the ones in flight, so that closing Strapi neither cuts a dispatch in the
 * middle nor waits forever for one stuck on a dead connection.
 */
import type { Core } from '@strapi/strapi';

export interface BackgroundWork {
  /** Runs `task` unless shutting down; failures are logged under `name`. */
  run(name: string, task: () => Promise<unknown>): Promise<void>;
  /** No new runs; resolves when the runs in flight have finished or `ms` has passed. */
  stop(ms: number): Promise<{ unfinished: number }>;
  readonly stopping: boolean;
}

/** Settles like `promise`, or with 'timeout' after `ms` (the timer does not keep the process alive). */
export const deadline = <T>(promise: Promise<T>, ms: number) =>
  new Promise<T | 'timeout'>((resolve, reject) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref?.();
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      }
    );
  });

const registry = new WeakMap<object, BackgroundWork>();

export const backgroundWork = (strapi: Core.Strapi): BackgroundWork => {
  let work = registry.get(strapi);
  if (work) return work;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  work = {
    get stopping() {
      return stopping;
    },
    run(name, task) {
      if (stopping) return Promise.resolve();
      const running: Promise<void> = task()
        .then(
          () => undefined,
          (e) => {
            strapi.log.error(`[clinic-crm] ${name}: ${(e as Error)?.message ?? e}`);
          }
        )
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
      return running;
    },
    async stop(ms) {
      stopping = true;
      const outcome = await deadline(Promise.allSettled([...inFlight]), ms);
      return { unfinished: outcome === 'timeout' ? inFlight.size : 0 };
    },
  };
  registry.set(strapi, work);
  return work;
};
