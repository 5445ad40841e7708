import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { MemberRole } from '../roles';

@Entity('organization_member')
export class OrganizationMemberEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: MemberRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
