import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';

/**
 * Jest's Node environment, telling the test's own hooks whether the test failed (`globalThis.__testFailed`), so that
 * the browser specs can say what the page showed when a step timed out (test/support/browser.ts).
 */
export default class FailureAwareEnvironment extends TestEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'test_start') this.global.__testFailed = false;
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') this.global.__testFailed = true;
  }
}
