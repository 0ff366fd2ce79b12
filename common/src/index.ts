export * from './divisions.ts';
export * from './errors.ts';
export * from './locale.ts';
export * from './messages.ts';
export * from './national-ids.ts';
export * from './permissions.ts';
export * from './route-access.ts';
export * from './validation-messages.ts';
