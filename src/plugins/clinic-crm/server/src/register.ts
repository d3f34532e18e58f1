import type { Core } from '@strapi/strapi';
import { auditMiddleware } from './document-middlewares/audit';
import { catalogueMiddleware } from './document-middlewares/catalogue';
import { emailTemplateMiddleware, recordsMiddleware } from './document-middlewares/records';
import { complaintsMiddleware } from './document-middlewares/complaints';
import { consentMiddleware } from './document-middlewares/consent';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // outermost: sees the caller's own data, and commits the audit row with the change
  strapi.documents.use(auditMiddleware(strapi) as any);
  strapi.documents.use(catalogueMiddleware(strapi) as any);
  strapi.documents.use(recordsMiddleware(strapi) as any);
  strapi.documents.use(emailTemplateMiddleware(strapi) as any);
  strapi.documents.use(complaintsMiddleware(strapi) as any);
  strapi.documents.use(consentMiddleware(strapi) as any);
};
