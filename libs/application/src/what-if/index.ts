export * from './run-what-if';
