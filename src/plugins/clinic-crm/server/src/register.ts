import type { Core } from '@strapi/strapi';
import { catalogueMiddleware } from './document-middlewares/catalogue';
import { emailTemplateMiddleware, recordsMiddleware } from './document-middlewares/records';
import { complaintsMiddleware } from './document-middlewares/complaints';
import { consentMiddleware } from './document-middlewares/consent';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(catalogueMiddleware(strapi) as any);
  strapi.documents.use(recordsMiddleware(strapi) as any);
  strapi.documents.use(emailTemplateMiddleware(strapi) as any);
  strapi.documents.use(complaintsMiddleware(strapi) as any);
  strapi.documents.use(consentMiddleware(strapi) as any);
};
