import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('data_sharing_acceptance')
export class DataSharingAcceptanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  version!: string;

  @Column({ name: 'accepted_by', type: 'uuid' })
  acceptedBy!: string;

  @Column({ name: 'signer_name', type: 'text' })
  signerName!: string;

  @Column({ name: 'signer_title', type: 'text' })
  signerTitle!: string;

  @Column({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt!: Date;
}
