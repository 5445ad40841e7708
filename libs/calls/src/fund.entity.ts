import { bigintNumber } from '@grants/core';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FundCode } from './call-terms';

@Entity('fund')
export class FundEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  code!: FundCode;

  @Column({ name: 'name_en', type: 'text' })
  nameEn!: string;

  @Column({ name: 'name_fr', type: 'text' })
  nameFr!: string;

  @Column({ name: 'description_en', type: 'text' })
  descriptionEn!: string;

  @Column({ name: 'description_fr', type: 'text' })
  descriptionFr!: string;

  /** Only members of this panel review the fund's applications (ILIF). */
  @Column({ name: 'review_panel', type: 'text', nullable: true })
  reviewPanel!: 'ILIF' | null;

  /** A payment above this needs a second approval by a different approver. */
  @Column({ name: 'second_approval_threshold_cents', type: 'bigint', transformer: bigintNumber })
  secondApprovalThresholdCents!: number;
}
