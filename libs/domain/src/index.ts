export * from './disposition';
export * from './errors';
export * from './jurisdiction';
export * from './nanyang';
export * from './office';
export * from './tiers';
export * from './calendar';
export * from './deadlines';
