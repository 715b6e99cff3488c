import type { ThemeConfig } from 'antd';

/** A sober government-service look: deep red primary, gold accent, neutral surfaces. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#a61d24',
    colorLink: '#a61d24',
    borderRadius: 6,
    fontFamily: "'Be Vietnam Pro', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    fontSize: 14,
    colorBgLayout: '#f4f5f7',
  },
  components: {
    Layout: { headerBg: '#8f1a1f', headerHeight: 64, headerPadding: '0 32px', footerBg: '#f4f5f7' },
    Table: { headerBg: '#f7f3ea', headerColor: '#3b3b3b', rowHoverBg: '#fdf6e3' },
    Card: { headerFontSize: 16 },
    Tabs: { itemSelectedColor: '#a61d24', inkBarColor: '#a61d24' },
  },
};
