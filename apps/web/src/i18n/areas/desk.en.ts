/** English strings of the desk area; desk.zh-CN.ts has the same keys. */
export const deskEn = {} as const;
