export * from './office-views';
export * from './office.queries';
