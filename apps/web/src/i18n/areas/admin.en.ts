/** English strings of the admin area; admin.zh-CN.ts has the same keys. */
export const adminEn = {} as const;
