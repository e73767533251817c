import type { deskEn } from './desk.en';

export const deskZhCN: Record<keyof typeof deskEn, string> = {};
