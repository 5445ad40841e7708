import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, Reflector, RouterModule } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ApplicationsModule } from '@grants/applications';
import { AuditModule } from '@grants/audit';
import { AwardsModule, OversightModule } from '@grants/awards';
import { CallsModule } from '@grants/calls';
import { AppConfig, CoreModule, CoreOptions, DatabaseModule, HealthService, JobsModule, LoggingModule } from '@grants/core';
import { IdentityModule } from '@grants/identity';
import { NotificationsModule } from '@grants/notifications';
import { ReviewsModule } from '@grants/reviews';
import { AwardsController } from './awards/awards.controller';
import { HealthController } from './health/health.controller';
import { AUTH_RATE_LIMITED } from './http/auth/auth.decorators';
import { AuthGuard } from './http/auth/auth.guard';
import { AccountsController } from './identity/accounts.controller';
import { AuthController } from './identity/auth.controller';
import { OrganizationsController } from './identity/organizations.controller';
import { ApplicationsController } from './intake/applications.controller';
import { CallsController } from './intake/calls.controller';
import { OversightController } from './oversight/oversight.controller';
import { ReviewsController } from './review/reviews.controller';
import { AdminWebController } from './web/admin/admin.controller';
import { ApplyWebController } from './web/apply/apply.controller';
import { CallEditorWebController } from './web/call-editor/call-editor.controller';
import { OfficerWebController } from './web/officer/officer.controller';
import { OrganizationWebController } from './web/organization/organization.controller';
import { OversightWebController } from './web/oversight/oversight.controller';
import { ScreeningWebController } from './web/screening/screening.controller';
import { SessionWebController } from './web/session/session.controller';
import { ReviewerWebController } from './web/reviewer/reviewer.controller';
import { WebController } from './web/web.controller';

const MINUTE_MS = 60_000;

/** The JSON API (API.md), mounted under /api/v1; the web pages are served from the root. */
@Module({
  imports: [ApplicationsModule, AuditModule, AwardsModule, CallsModule, IdentityModule, OversightModule, ReviewsModule],
  controllers: [AccountsController, ApplicationsController, AuthController, AwardsController, CallsController, HealthController, OrganizationsController, OversightController, ReviewsController],
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
        IdentityModule,
        JobsModule,
        JsonApiModule,
        LoggingModule,
        NotificationsModule,
        OversightModule,
        ReviewsModule,
        RouterModule.register([{ path: API_PREFIX, module: JsonApiModule }]),
        // Per-address limits, kept in each API process's memory: with several instances behind a
        // load balancer the effective limit is multiplied by their number.
        ThrottlerModule.forRoot({
          errorMessage: 'Too many requests from your address. Wait a minute and try again.',
          throttlers: [
            { name: 'default', ttl: MINUTE_MS, limit: config.rateLimitPerMinute },
            {
              name: 'auth',
              ttl: MINUTE_MS,
              limit: config.authRateLimitPerMinute,
              skipIf: (context) => !new Reflector().get<boolean>(AUTH_RATE_LIMITED, context.getHandler()),
            },
          ],
        }),
      ],
      // Pages with fixed segments (/officer/calls/new) come before those with an id in the same place.
      controllers: [
        AdminWebController,
        ApplyWebController,
        CallEditorWebController,
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
