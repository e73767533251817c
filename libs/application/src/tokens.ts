// Dependency-injection tokens shared by the libraries and the apps. This file imports nothing, so anything may use
// it without pulling in what the tokens stand for.
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_STORE = Symbol('READ_STORE');
export const OFFICE_CONTEXT = Symbol('OFFICE_CONTEXT');
export const COMMAND_METRICS = Symbol('COMMAND_METRICS');
/** The task read model's committed changes: a TaskChangePublisher and TaskChangeFeed (live push to the console). */
export const TASK_CHANGES = Symbol('TASK_CHANGES');
