import { ApiProperty } from '@nestjs/swagger';
import { SECOND_APPROVAL_THRESHOLD_CENTS } from '@grants/calls';
import { IsInt, Max, Min } from 'class-validator';

export class PaymentControlsDto {
  @ApiProperty({
    description: 'A payment above this amount, in whole cents, needs a second approval by a different approver. Applies to payments requested from now on.',
    minimum: SECOND_APPROVAL_THRESHOLD_CENTS.min,
    maximum: SECOND_APPROVAL_THRESHOLD_CENTS.max,
    example: 10_000_000,
  })
  @IsInt()
  @Min(SECOND_APPROVAL_THRESHOLD_CENTS.min)
  @Max(SECOND_APPROVAL_THRESHOLD_CENTS.max)
  secondApprovalThresholdCents!: number;
}
