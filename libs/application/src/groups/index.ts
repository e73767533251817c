export * from './approver-roster';
