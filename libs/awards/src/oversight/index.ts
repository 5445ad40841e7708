export * from './access-log.service';
export * from './audit-trail.service';
export * from './dashboard.service';
export * from './funds-report.service';
export * from './organization-export.service';
export * from './oversight.module';
