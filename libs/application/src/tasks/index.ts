export * from './current-task.query';
