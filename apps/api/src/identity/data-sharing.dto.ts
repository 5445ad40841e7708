import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import { SignerDto } from '../awards/agreement.dto';

export class AcceptDataSharingDto extends SignerDto {
  @ApiProperty({ description: 'The version you read and accept', example: 'ILIF-DSA-2026-1' }) @IsString() @MaxLength(100) version!: string;
}

export class AggregateConsentDto {
  @ApiProperty({ description: 'Whether the organization’s figures may appear in the office’s aggregate reports and dashboards' })
  @IsBoolean({ message: 'consent must be true or false' })
  consent!: boolean;
}
