export * from './data-export-jobs';
export * from './data-export.entity';
export * from './data-export.handler';
export * from './data-export.service';
export * from './export-kinds';
export * from './export-sheet';
export * from './exports.module';
