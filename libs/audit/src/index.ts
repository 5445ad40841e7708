export * from './audit-event-deliberation.entity';
export * from './audit-event.entity';
export * from './audit.module';
export * from './audit.service';
