export * from './regulation.queries';
