import { ApiProperty } from '@nestjs/swagger';
import { Dependency, HEALTH_DEPENDENCIES } from '@grants/core';

export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'down'] })
  status!: 'ok' | 'down';

  @ApiProperty({ enum: ['up', 'down'] })
  db!: 'up' | 'down';

  @ApiProperty({ enum: ['up', 'down'] })
  queue!: 'up' | 'down';

  @ApiProperty({ enum: ['up', 'down'], description: 'Up while at least one worker process is heard from' })
  worker!: 'up' | 'down';

  @ApiProperty({ description: 'Worker processes heard from in the last few seconds' })
  workersAlive!: number;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When any worker was last heard from' })
  workerLastSeenAt!: string | null;

  @ApiProperty({ enum: ['up', 'down'], description: 'The SMTP server answers with its greeting' })
  mail!: 'up' | 'down';

  @ApiProperty({ enum: ['up', 'down'], description: 'File storage answers' })
  storage!: 'up' | 'down';

  @ApiProperty({ enum: HEALTH_DEPENDENCIES, isArray: true, description: 'What is down; empty when status is ok' })
  down!: Dependency[];
}
