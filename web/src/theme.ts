import type { ThemeConfig } from 'antd';

/**
 * The colour of a field that has focus: a calm blue, so that focus never looks like the red of an
 * error (the primary colour is the government red, which antd would use for focus otherwise).
 */
const FOCUS = '#1d4ed8';
const FOCUS_HOVER = '#4b6fd6';
const FOCUS_SHADOW = '0 0 0 2px rgba(29, 78, 216, 0.18)';
const focus = { activeBorderColor: FOCUS, hoverBorderColor: FOCUS_HOVER, activeShadow: FOCUS_SHADOW };

/**
 * A sober government-service look: deep red primary, gold accent, neutral surfaces. Secondary and
 * placeholder text are dark enough for a contrast of at least 4.5:1 on white and on the page grey
 * (#595959: 7:1 and 6,4:1; #707070: 4,95:1 and 4,5:1); the coloured tags are darkened in styles.css.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#a61d24',
    colorLink: '#a61d24',
    borderRadius: 6,
    fontFamily: "'Be Vietnam Pro', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    fontSize: 14,
    colorBgLayout: '#f4f5f7',
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#707070',
  },
  components: {
    Layout: { headerBg: '#8f1a1f', headerHeight: 64, headerPadding: '0 32px', footerBg: '#f4f5f7' },
    Table: { headerBg: '#f7f3ea', headerColor: '#3b3b3b', rowHoverBg: '#fdf6e3' },
    Card: { headerFontSize: 16 },
    Tabs: { itemSelectedColor: '#a61d24', inkBarColor: '#a61d24' },
    Input: focus,
    InputNumber: focus,
    DatePicker: focus,
    Select: { ...focus, activeOutlineColor: 'rgba(29, 78, 216, 0.18)' },
  },
};
