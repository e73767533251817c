export * from './checkpoint-poller';
export * from './office-projection';
export * from './office-queries';
export * from './projector';
export * from './read-store';
export * from './rebuild';
export * from './task-projection';
export * from './task-queries';
