import { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppConfig, httpMetrics, MetricsService, REQUEST_ID_HEADER, requestIdOf, runWithRequestContext } from '@grants/core';
import { json, NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import { static as serveStatic } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter, answerError } from './http/all-exceptions.filter';
import { continueBody, continueOnlyWhenRead } from './http/expect-continue';
import { limitJsonDepth, onlyTextCookies, refuseRepeatedParameters, refuseUnstorableAddress, refuseUnstorableJson } from './http/malformed-input';
import { SITE_COOKIES_LOCAL, SiteCookies } from './http/site-cookies';
import { createValidationPipe } from './http/validation.pipe';
import { ODS_COMPONENTS_DIR } from './web/assets/ods-components';
import { csrfProtection } from './web/csrf';
import { OFFICE_CONTACT_LOCAL } from './web/page-context';

const JSON_BODY_LIMIT = '1mb';

/** Everything main.ts applies to the app; e2e tests call it too, so they test the real pipeline. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  (app as NestExpressApplication).set('trust proxy', app.get(AppConfig).trustProxy);
  (app as NestExpressApplication).disable('x-powered-by');
  app.use(httpMetrics(app.get(MetricsService)));
  app.use((req: IncomingMessage & { id?: string }, res: ServerResponse, next: () => void) => {
    req.id = requestIdOf(req);
    res.setHeader(REQUEST_ID_HEADER, req.id);
    runWithRequestContext({ requestId: req.id }, next);
  });
  const config = app.get(AppConfig);
  (app as NestExpressApplication).setLocal(OFFICE_CONTACT_LOCAL, config.officeContact);
  (app as NestExpressApplication).setLocal(SITE_COOKIES_LOCAL, SiteCookies.of(config));
  // Local http use must not have its stylesheets upgraded to an https that does not exist.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.appUrl.startsWith('https:') ? [] : null } } }));
  // Every answer holds someone's data or a form bound to their session unless it says otherwise:
  // only the assets (stylesheets, scripts, fonts) set a cache lifetime of their own.
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/assets/ods/components', serveStatic(ODS_COMPONENTS_DIR, { maxAge: '1d', index: false }));
  app.use('/assets/ods', serveStatic(path.dirname(require.resolve('@ongov/ontario-design-system-global-styles/package.json')) + '/dist', { maxAge: '1d', index: false }));
  // A body announced with Expect: 100-continue is asked for at once, except an upload's, asked for
  // only once its route has allowed it (MultipartFile).
  continueOnlyWhenRead(app.getHttpServer() as Server);
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (!req.is('multipart/form-data')) continueBody(req);
    next();
  });
  app.use(cookieParser(), onlyTextCookies);
  // Parsed here rather than by Nest so a malformed body gets its own error code (MALFORMED_JSON).
  // Only the API takes JSON; pages' forms are read by the page guard, once it has let the visitor in.
  app.use('/api', json({ limit: JSON_BODY_LIMIT }), limitJsonDepth, refuseUnstorableJson);
  app.use(csrfProtection(config));
  app.use(refuseRepeatedParameters, refuseUnstorableAddress);
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => answerError(error, req, res));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ontario Anti-Human Trafficking Grants API')
      .setDescription('Community-Based Supports Fund and Indigenous-Led Initiatives Fund: calls, applications, review, awards and reporting.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
