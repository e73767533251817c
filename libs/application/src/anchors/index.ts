export * from './anchor-log';
