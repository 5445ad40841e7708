import { OfficialLanguage } from '@grants/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ExportFilters, ExportKind } from './export-kinds';
import { ExportFormat } from './export-sheet';

export const DATA_EXPORT_STATUSES = ['queued', 'running', 'ready', 'failed'] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

/** An export built in the background: what was asked, by whom, and how far the worker got. */
@Entity('data_export')
export class DataExportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @Column({ type: 'text' })
  kind!: ExportKind;

  @Column({ type: 'text' })
  format!: ExportFormat;

  @Column({ type: 'text' })
  lang!: OfficialLanguage;

  @Column({ type: 'jsonb' })
  filters!: ExportFilters;

  @Column({ type: 'text' })
  status!: DataExportStatus;

  @Column({ name: 'total_rows', type: 'integer' })
  totalRows!: number;

  @Column({ name: 'rows_written', type: 'integer' })
  rowsWritten!: number;

  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey!: string | null;

  @Column({ name: 'size_bytes', type: 'bigint', nullable: true, transformer: { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) } })
  sizeBytes!: number | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
