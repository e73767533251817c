import type { adminEn } from './admin.en';

export const adminZhCN: Record<keyof typeof adminEn, string> = {};
