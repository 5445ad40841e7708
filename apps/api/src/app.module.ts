import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, RouterModule } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ApplicationsModule } from '@grants/applications';
import { AuditModule } from '@grants/audit';
import { AwardsModule, DataExportsModule, OversightModule } from '@grants/awards';
import { CallsModule } from '@grants/calls';
import { AppConfig, CoreModule, CoreOptions, DatabaseModule, HealthService, JobsModule, LoggingModule, MetricsModule } from '@grants/core';
import { IdentityModule } from '@grants/identity';
import { NotificationsModule } from '@grants/notifications';
import { ReviewsModule } from '@grants/reviews';
import { AgreementsController } from './awards/agreements.controller';
import { AwardsController } from './awards/awards.controller';
import { PaymentsController } from './awards/payments.controller';
import { ExportsController } from './exports/exports.controller';
import { HealthController } from './health/health.controller';
import { AuthGuard } from './http/auth/auth.guard';
import { rateLimitOptions } from './http/rate-limit/rate-limit.options';
import { AccountsController } from './identity/accounts.controller';
import { AuthController } from './identity/auth.controller';
import { MetricsController } from './metrics/metrics.controller';
import { OrganizationsController } from './identity/organizations.controller';
import { ApplicationsController } from './intake/applications.controller';
import { CallsController } from './intake/calls.controller';
import { OversightController } from './oversight/oversight.controller';
import { ReviewsController } from './review/reviews.controller';
import { AdminWebController } from './web/admin/admin.controller';
import { AgreementsWebController } from './web/agreements/agreements.controller';
import { ReconciliationWebController } from './web/reconciliation/reconciliation.controller';
import { ApplyWebController } from './web/apply/apply.controller';
import { AttachmentUploadWebController } from './web/apply/attachment-upload.controller';
import { CallEditorWebController } from './web/call-editor/call-editor.controller';
import { ExportsWebController } from './web/oversight/exports.controller';
import { OfficerWebController } from './web/officer/officer.controller';
import { OrganizationWebController } from './web/organization/organization.controller';
import { OversightWebController } from './web/oversight/oversight.controller';
import { ScreeningWebController } from './web/screening/screening.controller';
import { SessionWebController } from './web/session/session.controller';
import { ReviewerWebController } from './web/reviewer/reviewer.controller';
import { WebController } from './web/web.controller';

/** The JSON API (API.md), mounted under /api/v1; the web pages are served from the root. */
@Module({
  imports: [ApplicationsModule, AuditModule, AwardsModule, CallsModule, DataExportsModule, IdentityModule, MetricsModule, OversightModule, ReviewsModule],
  controllers: [AccountsController, AgreementsController, ApplicationsController, AuthController, AwardsController, CallsController, ExportsController, HealthController, MetricsController, OrganizationsController, OversightController, PaymentsController, ReviewsController],
  providers: [HealthService],
})
export class JsonApiModule {}

export const API_PREFIX = 'api/v1';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ApplicationsModule,
        AuditModule,
        AwardsModule,
        CallsModule,
        CoreModule.forRoot(config, options),
        DatabaseModule,
        DataExportsModule,
        IdentityModule,
        JobsModule,
        JsonApiModule,
        LoggingModule,
        NotificationsModule,
        OversightModule,
        ReviewsModule,
        RouterModule.register([{ path: API_PREFIX, module: JsonApiModule }]),
        // Per-address limits in Redis, shared by every API process (see rate-limit.options.ts).
        ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: rateLimitOptions }),
      ],
      // Pages with fixed segments (/officer/calls/new) come before those with an id in the same place.
      controllers: [
        AdminWebController,
        AgreementsWebController,
        ReconciliationWebController,
        ApplyWebController,
        AttachmentUploadWebController,
        CallEditorWebController,
        ExportsWebController,
        OrganizationWebController,
        OversightWebController,
        ScreeningWebController,
        SessionWebController,
        OfficerWebController,
        ReviewerWebController,
        WebController,
      ],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }, { provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
