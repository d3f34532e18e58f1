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
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), ms);
      });
      const outcome = await Promise.race([Promise.allSettled([...inFlight]).then(() => 'done' as const), timeout]);
      clearTimeout(timer);
      return { unfinished: outcome === 'timeout' ? inFlight.size : 0 };
    },
  };
  registry.set(strapi, work);
  return work;
};
