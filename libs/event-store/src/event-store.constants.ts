/** Page size of readAll when maxCount is omitted, so that a careless caller cannot load the whole log at once. */
export const DEFAULT_READ_ALL_MAX_COUNT = 1000;
