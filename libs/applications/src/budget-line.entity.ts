import { bigintNumber } from '@grants/core';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BudgetCategory } from './rules/budget-rules';

@Entity('application_budget_line')
export class BudgetLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'fiscal_year', type: 'text' })
  fiscalYear!: string;

  @Column({ type: 'text' })
  category!: BudgetCategory;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintNumber })
  amountCents!: number;
}
