import type { Core } from '@strapi/strapi';

/**
 * Work that needs the admin panel's roles and permission actions.
 *
 * Strapi bootstraps the admin after every plugin (the admin is a provider, run after the plugins'
 * bootstrap), and the admin creates its default roles (Super Admin, Editor, Author) only when no
 * role exists yet. A plugin that created its staff roles in its own bootstrap would therefore keep
 * the admin from creating its defaults on a new database. Strapi has no lifecycle after the admin's
 * bootstrap for plugins, so this runs `task` right after it, by wrapping the admin module's
 * bootstrap once per module object; the app needs no code of its own.
 */
const TASKS = Symbol.for('clinic-crm.after-admin-bootstrap');

type Task = (strapi: Core.Strapi) => Promise<void>;
type AdminModule = {
  bootstrap: (ctx: { strapi: Core.Strapi }) => Promise<unknown>;
  // on the (process-wide) admin module itself, so several Strapi instances in one process
  // (tests, a restart) each run their own task and the bootstrap is wrapped only once
  [TASKS]?: WeakMap<Core.Strapi, Task>;
};

export const afterAdminBootstrap = (strapi: Core.Strapi, task: Task) => {
  const admin = strapi.get('admin') as AdminModule;
  if (!admin[TASKS]) {
    const tasks = new WeakMap<Core.Strapi, Task>();
    const bootstrapAdmin = admin.bootstrap;
    admin.bootstrap = async function (this: unknown, ctx: { strapi: Core.Strapi }) {
      await bootstrapAdmin.call(this, ctx);
      await tasks.get(ctx.strapi)?.(ctx.strapi);
    };
    admin[TASKS] = tasks;
  }
  admin[TASKS].set(strapi, task);
};
