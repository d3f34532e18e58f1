import type { Core, Modules } from '@strapi/strapi';

/** The parameters of a document-service call as a middleware reads them (every action's, loosely). */
export interface DocumentParams {
  documentId?: string;
  locale?: string;
  status?: 'draft' | 'published';
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A document-service call: which content type, which action (`create`, `update`, `publish`, …), its parameters. */
export interface DocumentContext {
  uid: string;
  action: string;
  params: DocumentParams;
}

export type DocumentMiddleware = (ctx: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

/** How every feature's document middleware is built: `xMiddleware(strapi)`. */
export type DocumentMiddlewareFactory = (strapi: Core.Strapi) => DocumentMiddleware;

/**
 * Registers document middlewares in order (the first listed is the outermost). Strapi's own
 * Middleware type spells the context out per content type and action from the generated types;
 * ours read the context generically (uid, action, params), which is what Strapi passes at runtime.
 */
export const useDocumentMiddlewares = (strapi: Core.Strapi, factories: DocumentMiddlewareFactory[]) => {
  for (const factory of factories) strapi.documents.use(factory(strapi) as Modules.Documents.Middleware.Middleware);
};
