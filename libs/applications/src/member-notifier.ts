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
    await this.emailEach(manager, await this.members(manager, organization.id), organization, key, template, data);
  }

  /** emailMembers, to members already looked up (a caller that holds a lock looks them up first). */
  async emailEach<N extends EmailTemplateName>(manager: EntityManager, members: UserEntity[], organization: OrganizationEntity, key: string, template: N, data: EmailTemplateData<N>): Promise<void> {
    for (const member of members) {
      await this.notifications.sendEmail(manager, { key: `${key}/${member.id}`, to: [member.email], locale: organization.preferredLanguage, template, data });
    }
  }

  /** Every member of the organization whose account is not disabled, by email address: a disabled account hears nothing more of its work. */
  members(manager: EntityManager, organizationId: string): Promise<UserEntity[]> {
    return manager
      .createQueryBuilder(UserEntity, 'user')
      .innerJoin(OrganizationMemberEntity, 'member', 'member.userId = user.id')
      .where('member.organizationId = :organizationId', { organizationId })
      .andWhere('user.disabledAt IS NULL')
      .orderBy('user.email')
      .getMany();
  }
}
