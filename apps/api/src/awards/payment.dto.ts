import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FISCAL_YEAR } from '@grants/applications';
import { HOLD_REASON, PAYMENT_REFERENCE, PAYMENT_STATUSES, PaymentStatus } from '@grants/awards';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../http/page-query.dto';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const booleanQuery = Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export const MAX_BULK_APPROVALS = 100;

export class PaymentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES }) @IsOptional() @IsIn(PAYMENT_STATUSES) status?: PaymentStatus;
  @ApiPropertyOptional({ description: 'Only scheduled payments whose conditions are met: the ones an officer can request now' })
  @IsOptional()
  @booleanQuery
  @IsBoolean({ message: 'requestable must be true or false' })
  requestable?: boolean;
}

export class RecordPaidDto {
  @ApiProperty({ description: 'The payment’s reference in the finance system' }) @trim @IsString() @MinLength(PAYMENT_REFERENCE.minLength, { message: 'reference must not be empty' }) @MaxLength(PAYMENT_REFERENCE.maxLength) reference!: string;
}

export class ApprovePaymentsDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_BULK_APPROVALS })
  @IsArray()
  @ArrayMinSize(1, { message: 'paymentIds must name at least one payment' })
  @ArrayMaxSize(MAX_BULK_APPROVALS)
  @IsUUID('all', { each: true, message: 'each of paymentIds must be a payment id (a UUID)' })
  paymentIds!: string[];
}

export class HoldAwardDto {
  @ApiProperty({ description: 'Why the payments are held; the organization reads it' })
  @trim
  @IsString()
  @MinLength(HOLD_REASON.minLength, { message: 'reason must not be empty' })
  @MaxLength(HOLD_REASON.maxLength)
  reason!: string;
}

export class RecordRecoveryDto {
  @ApiProperty({ example: '2027-28', description: 'The fiscal year whose surplus is owed back' })
  @Matches(FISCAL_YEAR.pattern, { message: 'fiscalYear must be a fiscal year written like 2027-28' })
  fiscalYear!: string;
}

export class RecordRepaymentDto {
  @ApiProperty({ description: 'The repayment’s reference in the finance system (a cheque or deposit number)' })
  @trim
  @IsString()
  @MinLength(PAYMENT_REFERENCE.minLength, { message: 'reference must not be empty' })
  @MaxLength(PAYMENT_REFERENCE.maxLength)
  reference!: string;
}
