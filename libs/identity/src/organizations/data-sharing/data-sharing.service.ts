import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { Clock, ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@grants/core';
import { DataSource, EntityManager } from 'typeorm';
import { ADMIN_NO_CONTENT, isAdministratorOnly } from '../../content-access';
import { Actor, hasRole } from '../../roles';
import { OrganizationEntity } from '../organization.entity';
import { OrganizationService } from '../organization.service';
import { DataSharingAcceptanceEntity } from './data-sharing-acceptance.entity';
import { BilingualClause, DATA_SHARING_CLAUSES, DATA_SHARING_VERSION } from './data-sharing-terms';

export interface DataSharingAcceptance {
  version: string;
  signerName: string;
  signerTitle: string;
  acceptedAt: Date;
}

export interface DataSharingAgreement {
  organizationId: string;
  organizationName: string;
  /** Asked of Indigenous-led organizations, before their first submission to the Indigenous-Led Initiatives Fund. */
  required: boolean;
  /** The version asked for now, with its clauses. */
  version: string;
  clauses: readonly BilingualClause[];
  /** The acceptance of the version asked for now, or null. */
  accepted: DataSharingAcceptance | null;
  /** Every version the organization accepted, the latest first. */
  acceptances: DataSharingAcceptance[];
  /** Whether its figures may appear in the office's aggregate reports and dashboards; null: not chosen yet, so they do not. */
  aggregateConsent: boolean | null;
  aggregateConsentAt: Date | null;
  /** `consent`: an owner may choose (or change) the aggregate consent. */
  can: { accept: boolean; consent: boolean };
}

export interface DataSharingSigning {
  version: string;
  name: string;
  title: string;
}

/**
 * The data-sharing agreement of an Indigenous-led organization with the program office (OCAP®):
 * read by its members and by officers, accepted for it by a member named in its profile as a
 * contact with signing authority, version by version.
 */
@Injectable()
export class DataSharingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, organizationId: string): Promise<DataSharingAgreement> {
    const manager = this.dataSource.manager;
    const organization = await this.readable(manager, actor, organizationId);
    return this.view(manager, actor, organization);
  }

  async accept(actor: Actor, organizationId: string, signing: DataSharingSigning): Promise<DataSharingAgreement> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(OrganizationEntity, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw new NotFoundError('Organization');
      if (!(await this.organizations.isSigningAuthority(manager, actor, organizationId))) {
        if (!(await this.organizations.roleOf(actor, organizationId, manager)) && !hasRole(actor, 'officer')) throw new NotFoundError('Organization');
        throw new ForbiddenError('Only a member of the organization named in its profile as a contact with signing authority can accept its data-sharing agreement', 'NOT_SIGNING_AUTHORITY');
      }
      if (!organization.indigenousLed) throw new RuleViolationError('NOT_INDIGENOUS_LED', 'The data-sharing agreement is for Indigenous-led organizations');
      if (signing.version !== DATA_SHARING_VERSION) {
        throw new ConflictError('STALE_VERSION', `Version ${DATA_SHARING_VERSION} is the one to accept, not ${signing.version}: read it before accepting`, { currentVersion: DATA_SHARING_VERSION });
      }
      if (await manager.existsBy(DataSharingAcceptanceEntity, { organizationId, version: DATA_SHARING_VERSION })) {
        throw new ConflictError('ALREADY_ACCEPTED', `Version ${DATA_SHARING_VERSION} is already accepted for this organization`);
      }
      const saved = await manager.save(
        manager.create(DataSharingAcceptanceEntity, { organizationId, version: DATA_SHARING_VERSION, acceptedBy: actor.userId, signerName: signing.name, signerTitle: signing.title, acceptedAt: this.clock.now() }),
      );
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'owner' },
        action: 'organization.data_sharing_accepted',
        entityType: 'organization',
        entityId: organizationId,
        details: { version: saved.version, signerName: saved.signerName, signerTitle: saved.signerTitle },
      });
      return this.view(manager, actor, organization);
    });
  }

  /** An owner chooses whether the organization's figures may appear in the office's aggregate reports; it can change its mind at any time. */
  async setAggregateConsent(actor: Actor, organizationId: string, consent: boolean): Promise<DataSharingAgreement> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(OrganizationEntity, { where: { id: organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw new NotFoundError('Organization');
      const role = await this.organizations.roleOf(actor, organizationId, manager);
      if (!role) throw new NotFoundError('Organization');
      if (role !== 'owner') throw new ForbiddenError('Only an owner of the organization chooses whether its figures appear in the office’s aggregate reports', 'NOT_OWNER');
      if (!organization.indigenousLed) throw new RuleViolationError('NOT_INDIGENOUS_LED', 'The consent to aggregate use is asked of Indigenous-led organizations; the figures of others appear in the aggregate reports');
      const from = organization.aggregateConsent;
      Object.assign(organization, { aggregateConsent: consent, aggregateConsentAt: this.clock.now(), aggregateConsentBy: actor.userId });
      await manager.save(organization);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'owner' },
        action: consent ? 'organization.aggregate_consent_given' : 'organization.aggregate_consent_withdrawn',
        entityType: 'organization',
        entityId: organizationId,
        fromState: from === null ? 'not_chosen' : from ? 'consented' : 'refused',
        toState: consent ? 'consented' : 'refused',
      });
      return this.view(manager, actor, organization);
    });
  }

  private async readable(manager: EntityManager, actor: Actor, organizationId: string): Promise<OrganizationEntity> {
    const organization = await manager.findOneBy(OrganizationEntity, { id: organizationId });
    if (!organization) throw new NotFoundError('Organization');
    const role = await this.organizations.roleOf(actor, organizationId, manager);
    if (!role && !hasRole(actor, 'officer') && isAdministratorOnly(actor)) throw ADMIN_NO_CONTENT();
    if (!role && !hasRole(actor, 'officer')) throw new NotFoundError('Organization');
    return organization;
  }

  private async view(manager: EntityManager, actor: Actor, organization: OrganizationEntity): Promise<DataSharingAgreement> {
    const rows = await manager.find(DataSharingAcceptanceEntity, { where: { organizationId: organization.id }, order: { acceptedAt: 'DESC' } });
    const acceptances = rows.map(({ version, signerName, signerTitle, acceptedAt }) => ({ version, signerName, signerTitle, acceptedAt }));
    const accepted = acceptances.find((acceptance) => acceptance.version === DATA_SHARING_VERSION) ?? null;
    return {
      organizationId: organization.id,
      organizationName: organization.legalName,
      required: organization.indigenousLed,
      version: DATA_SHARING_VERSION,
      clauses: DATA_SHARING_CLAUSES,
      accepted,
      acceptances,
      aggregateConsent: organization.aggregateConsent,
      aggregateConsentAt: organization.aggregateConsentAt,
      can: {
        accept: organization.indigenousLed && accepted === null && (await this.organizations.isSigningAuthority(manager, actor, organization.id)),
        consent: organization.indigenousLed && (await this.organizations.roleOf(actor, organization.id, manager)) === 'owner',
      },
    };
  }
}

/**
 * Whether an organization's figures may be counted in the office's aggregate reports and dashboards:
 * an Indigenous-led organization's only with its consent. `organizationId` is a SQL expression.
 */
export function aggregatedSql(organizationId: string): string {
  return `NOT EXISTS (SELECT 1 FROM organization withheld WHERE withheld.id = ${organizationId} AND withheld.indigenous_led AND withheld.aggregate_consent IS NOT TRUE)`;
}

/** Whether the organization accepted the version of the data-sharing agreement asked for now (SubmissionService asks it of ILIF submissions). */
export function hasAcceptedDataSharing(manager: EntityManager, organizationId: string): Promise<boolean> {
  return manager.existsBy(DataSharingAcceptanceEntity, { organizationId, version: DATA_SHARING_VERSION });
}
