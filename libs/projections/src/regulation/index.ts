export * from './lapses.query';
