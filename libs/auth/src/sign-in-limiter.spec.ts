import { SignInLimiter, signInLimitsFrom, TooManySignIns } from './sign-in-limiter';

describe('SignInLimiter', () => {
  it('reads its limits from SIGNIN_LIMIT_… and refuses nonsense', () => {
    expect(signInLimitsFrom({})).toStrictEqual({ perAccount: 10, perAddress: 100, windowSeconds: 900 });
    expect(
      signInLimitsFrom({
        SIGNIN_LIMIT_ACCOUNT: '0',
        SIGNIN_LIMIT_ADDRESS: '7',
        SIGNIN_LIMIT_WINDOW_SECONDS: '30',
      }),
    ).toStrictEqual({ perAccount: 0, perAddress: 7, windowSeconds: 30 });
    expect(() => signInLimitsFrom({ SIGNIN_LIMIT_ACCOUNT: 'many' })).toThrow(
      'SIGNIN_LIMIT_ACCOUNT must be an integer from 0 to 1000000, not many',
    );
  });

  it('counts in memory while Redis cannot be reached instead of letting every attempt through', async () => {
    const limiter = SignInLimiter.connect(
      { perAccount: 2, perAddress: 0, windowSeconds: 60 },
      'redis://127.0.0.1:1',
      'limiter-spec',
    );
    try {
      await limiter.check('clerk', '10.0.0.1');
      await limiter.failed('clerk', '10.0.0.1');
      await limiter.failed('clerk', '10.0.0.1');
      await expect(limiter.check('clerk', '10.0.0.1')).rejects.toBeInstanceOf(TooManySignIns);
      await limiter.check('another', '10.0.0.1');
    } finally {
      limiter.onApplicationShutdown();
    }
  });
});
