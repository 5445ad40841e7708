import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@grants/audit';
import { NotificationsModule } from '@grants/notifications';
import { AuthService } from './auth/auth.service';
import { KeptFormService } from './auth/kept-form.service';
import { KnownDevices } from './auth/known-device';
import { LoginThrottle } from './auth/login-throttle';
import { OneTimeTokenEntity } from './auth/one-time-token.entity';
import { PasswordHasher } from './auth/password-hasher';
import { PasswordResetRequestHandler } from './auth/password-reset-request.handler';
import { SessionEntity } from './auth/session.entity';
import { SignInLockedHandler } from './auth/sign-in-locked.handler';
import { IdentityDemoSeeder } from './demo/identity-demo.seeder';
import { DataSharingAcceptanceEntity } from './organizations/data-sharing/data-sharing-acceptance.entity';
import { DataSharingService } from './organizations/data-sharing/data-sharing.service';
import { OrganizationContactEntity } from './organizations/organization-contact.entity';
import { OrganizationInvitationEntity } from './organizations/organization-invitation.entity';
import { OrganizationMemberEntity } from './organizations/organization-member.entity';
import { OrganizationEntity } from './organizations/organization.entity';
import { OrganizationService } from './organizations/organization.service';
import { OpenWorkRegistry } from './users/open-work.registry';
import { UserEntity } from './users/user.entity';
import { UserService } from './users/user.service';

@Module({
  imports: [
    AuditModule,
    NotificationsModule,
    TypeOrmModule.forFeature([DataSharingAcceptanceEntity, OneTimeTokenEntity, OrganizationContactEntity, OrganizationEntity, OrganizationInvitationEntity, OrganizationMemberEntity, SessionEntity, UserEntity]),
  ],
  providers: [AuthService, DataSharingService, IdentityDemoSeeder, KeptFormService, KnownDevices, LoginThrottle, OpenWorkRegistry, OrganizationService, PasswordHasher, UserService],
  exports: [AuthService, DataSharingService, IdentityDemoSeeder, KeptFormService, OpenWorkRegistry, OrganizationService, PasswordHasher, UserService],
})
export class IdentityModule {}

/** The background work of identity, for the worker: password-reset requests and sign-in locks to tell owners of. */
@Module({
  imports: [IdentityModule],
  providers: [PasswordResetRequestHandler, SignInLockedHandler],
})
export class IdentityWorkerModule {}
