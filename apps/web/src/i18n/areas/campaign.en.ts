/** English strings of the campaign area; campaign.zh-CN.ts has the same keys. */
export const campaignEn = {} as const;
