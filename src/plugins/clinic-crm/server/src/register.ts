import type { Core } from '@strapi/strapi';
import { catalogueMiddleware } from './document-middlewares/catalogue';
import { emailTemplateMiddleware, recordsMiddleware } from './document-middlewares/records';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(catalogueMiddleware(strapi) as any);
  strapi.documents.use(recordsMiddleware(strapi) as any);
  strapi.documents.use(emailTemplateMiddleware(strapi) as any);
};
