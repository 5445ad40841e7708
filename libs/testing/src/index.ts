// For tests only: the production build (tsconfig.build.json) leaves this library out.
export * from './eventually';
export * from './factories/application.factory';
export * from './factories/call.factory';
export * from './factories/organization.factory';
export * from './factories/user.factory';
export * from './mailbox';
export * from './service-context';
export * from './refusal';
