export * from './eventually';
export * from './mailbox';
