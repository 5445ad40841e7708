import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { AppConfig } from '@grants/core';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { OrganizationContactEntity } from '../organizations/organization-contact.entity';
import { OrganizationMemberEntity } from '../organizations/organization-member.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { Panel, Role } from '../roles';
import { UserEntity } from '../users/user.entity';

export const DEMO_PASSWORD = 'Password123!';

const DEMO_USERS: Array<{ email: string; name: string; roles: Role[]; panels: Panel[]; locale: 'en' | 'fr' }> = [
  { email: 'admin@example.org', name: 'Alex Administrator', roles: ['applicant', 'admin'], panels: [], locale: 'en' },
  { email: 'officer@example.org', name: 'Olivia Officer', roles: ['applicant', 'officer'], panels: [], locale: 'en' },
  { email: 'approver@example.org', name: 'Andrew Approver', roles: ['applicant', 'approver'], panels: [], locale: 'en' },
  { email: 'reviewer1@example.org', name: 'Rémi Tremblay', roles: ['applicant', 'reviewer'], panels: [], locale: 'fr' },
  { email: 'reviewer2@example.org', name: 'Priya Raman', roles: ['applicant', 'reviewer'], panels: [], locale: 'en' },
  { email: 'reviewer3@example.org', name: 'Mary Jacobs', roles: ['applicant', 'reviewer'], panels: ['ILIF'], locale: 'en' },
  { email: 'applicant@example.org', name: 'Amélie Côté', roles: ['applicant'], panels: [], locale: 'en' },
];

/** The demo accounts' addresses: their password is in the README, so production refuses a database that holds one (demo-accounts.check.ts). */
export const DEMO_ACCOUNT_EMAILS: readonly string[] = DEMO_USERS.map((demo) => demo.email);

export const DEMO_ORGANIZATION_ID = '0b6a54b6-2f55-4a51-9f0e-2d8c7f4b9a01';

/** Demo accounts for the embedded default (`npm start`); refuses to run in production. */
@Injectable()
export class IdentityDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Adds whatever demo data is missing; returns how many accounts it created. */
  async seed(): Promise<number> {
    if (this.config.isProduction) throw new Error('Demo data is never loaded when NODE_ENV=production');
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    return this.dataSource.transaction(async (manager) => {
      let created = 0;
      for (const demo of DEMO_USERS) {
        const result = await manager
          .createQueryBuilder()
          .insert()
          .into(UserEntity)
          .values({ ...demo, passwordHash, emailVerifiedAt: new Date() })
          .orIgnore()
          .returning('id')
          .execute();
        const id = (result.raw as Array<{ id: string }>)[0]?.id;
        if (!id) continue;
        created++;
        await this.audit.record(manager, { actor: SYSTEM_ACTOR, action: 'user.seeded', entityType: 'user', entityId: id, toState: 'verified' });
      }
      const organization = await manager
        .createQueryBuilder()
        .insert()
        .into(OrganizationEntity)
        .values({
          id: DEMO_ORGANIZATION_ID,
          legalName: 'Services communautaires Nouvelle Voie',
          operatingName: 'Nouvelle Voie',
          type: 'non_profit',
          registrationNumber: '123456789RR0001',
          businessNumber: '123456782RR0001',
          region: 'east',
          addressLine1: '215, rue Principale',
          addressCity: 'Ottawa',
          addressPostalCode: 'K1N 5M1',
          indigenousLed: false,
          preferredLanguage: 'fr',
          version: 1,
        })
        .orIgnore()
        .returning('id')
        .execute();
      if ((organization.raw as unknown[]).length > 0) {
        const owner = await manager.findOneByOrFail(UserEntity, { email: 'applicant@example.org' });
        await manager.insert(OrganizationMemberEntity, { organizationId: DEMO_ORGANIZATION_ID, userId: owner.id, role: 'owner' });
        // The owner signs for the organization; the coordinator is a contact without an account.
        await manager.insert(OrganizationContactEntity, [
          { organizationId: DEMO_ORGANIZATION_ID, position: 0, name: owner.name, title: 'Directrice générale', email: owner.email, phone: '613-555-0142', signingAuthority: true },
          { organizationId: DEMO_ORGANIZATION_ID, position: 1, name: 'Luc Bérubé', title: 'Coordonnateur des programmes', email: 'luc.berube@example.org', phone: '613-555-0143 poste 2', signingAuthority: false },
        ]);
        await this.audit.record(manager, { actor: SYSTEM_ACTOR, action: 'organization.seeded', entityType: 'organization', entityId: DEMO_ORGANIZATION_ID });
      }
      return created;
    });
  }
}
