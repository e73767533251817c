export * from './variant';
export * from './deadline-log';
export * from './outcome';
export * from './report';
