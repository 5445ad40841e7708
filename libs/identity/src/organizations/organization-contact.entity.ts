import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of the people the office deals with at an organization; not an account (see organization_contact). */
@Entity('organization_contact')
export class OrganizationContactEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  phone!: string;

  @Column({ name: 'signing_authority', type: 'boolean' })
  signingAuthority!: boolean;
}
