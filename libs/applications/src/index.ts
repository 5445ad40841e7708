export * from './application.entity';
export * from './application.service';
export * from './applications.module';
export * from './attachment.service';
export * from './deadline-reminders.handler';
export * from './rules/budget-rules';
export * from './submission.service';
