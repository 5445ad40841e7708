import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Locale, OrganizationType, Region } from '../roles';

@Entity('organization')
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'legal_name', type: 'text' })
  legalName!: string;

  @Column({ name: 'operating_name', type: 'text', nullable: true })
  operatingName!: string | null;

  @Column({ type: 'text' })
  type!: OrganizationType;

  @Column({ name: 'registration_number', type: 'text', nullable: true })
  registrationNumber!: string | null;

  /** The CRA Business Number, compact: `123456782` or `123456782RR0001`. */
  @Column({ name: 'business_number', type: 'text', nullable: true })
  businessNumber!: string | null;

  /** Why the organization has no Business Number (never set beside one). */
  @Column({ name: 'no_business_number_reason', type: 'text', nullable: true })
  noBusinessNumberReason!: string | null;

  @Column({ type: 'text' })
  region!: Region;

  @Column({ name: 'address_line1', type: 'text' })
  addressLine1!: string;

  @Column({ name: 'address_city', type: 'text' })
  addressCity!: string;

  @Column({ name: 'address_postal_code', type: 'text' })
  addressPostalCode!: string;

  @Column({ name: 'indigenous_led', type: 'boolean' })
  indigenousLed!: boolean;

  /** An Indigenous-led organization's consent to its figures in the office's aggregate reports; null until it chooses (left out). */
  @Column({ name: 'aggregate_consent', type: 'boolean', nullable: true })
  aggregateConsent!: boolean | null;

  @Column({ name: 'aggregate_consent_at', type: 'timestamptz', nullable: true })
  aggregateConsentAt!: Date | null;

  @Column({ name: 'aggregate_consent_by', type: 'uuid', nullable: true })
  aggregateConsentBy!: string | null;

  /** Decides the language of every email and letter to the organization. */
  @Column({ name: 'preferred_language', type: 'text' })
  preferredLanguage!: Locale;

  @Column({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
