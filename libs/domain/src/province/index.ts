export * from './divisions';
export * from './henan';
export { HENAN_DIVISIONS, HENAN_DIVISIONS_SOURCE } from './henan-divisions';
