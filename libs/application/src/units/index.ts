export * from './unit-directory';
export * from './units.queries';
