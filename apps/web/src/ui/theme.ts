import type { ThemeConfig } from 'antd';

/**
 * Ant Design's default palette with the colours that carry text darkened to a contrast of at least 4.5:1 on white
 * (WCAG AA, checked by axe-core in the browser tests): the default blue, red, green and the grey of secondary text
 * fall short of it.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    // Hover and active shades derived from it would fall back under 4.5:1 behind white text.
    colorPrimaryHover: '#1d39c4',
    colorPrimaryActive: '#10239e',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorSuccess: '#237804',
    // Derived from the darker seeds, the tints turn grey: kept at the default palette's.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#ad4e00',
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    // A select's placeholder is text a reader must see (the filters name themselves by it).
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};
