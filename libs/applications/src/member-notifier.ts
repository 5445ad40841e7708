import { Injectable } from '@nestjs/common';
import { OrganizationEntity, OrganizationMemberEntity, UserEntity } from '@grants/identity';
import { EmailTemplateData, EmailTemplateName, NotificationService } from '@grants/notifications';
import { EntityManager } from 'typeorm';

/** Emails every member of an organization, one message each, in the organization's language. */
@Injectable()
export class MemberNotifier {
  constructor(private readonly notifications: NotificationService) {}

  async emailMembers<N extends EmailTemplateName>(
    manager: EntityManager,
    organization: OrganizationEntity,
    /** Identifies this notice; each member's email is keyed `<key>/<userId>`, so it goes out once. */
    key: string,
    template: N,
    data: EmailTemplateData<N>,
  ): Promise<void> {
    for (const member of await this.members(manager, organization.id)) {
      await this.notifications.sendEmail(manager, { key: `${key}/${member.id}`, to: [member.email], locale: organization.preferredLanguage, template, data });
    }
  }

  /** Everyone who is a member of the organization, by email address. */
  members(manager: EntityManager, organizationId: string): Promise<UserEntity[]> {
    return manager
      .createQueryBuilder(UserEntity, 'user')
      .innerJoin(OrganizationMemberEntity, 'member', 'member.userId = user.id')
      .where('member.organizationId = :organizationId', { organizationId })
      .orderBy('user.email')
      .getMany();
  }
}
