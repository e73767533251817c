export * from './canonical-json';
export * from './links';
export * from './chained-event-store';
