export * from './campaign-as-of';
export * from './event-log';
export * from './event-query';
export * from './office-timeline';
export * from './office-views';
export * from './paging';
export * from './unit-timeline';
export * from './withheld';
