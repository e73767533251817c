export * from './office.queries';
