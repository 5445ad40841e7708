export * from './call-terms';
export * from './call.entity';
export * from './call.service';
export * from './calls.module';
export * from './demo/calls-demo.seeder';
export * from './fund.entity';
export * from './rules/answer-rules';
export * from './rules/call-rules';
