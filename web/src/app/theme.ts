import type { ThemeConfig } from 'antd';

/**
 * The one Ant Design theme. Colours are darker than antd's defaults so that text, links and
 * secondary text reach WCAG AA contrast (4.5:1) on white and on the light grey page background.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0b57d0',
    // antd's derived hover (#2f78de) gives white button text 4.3:1; this one keeps 4.8:1.
    colorPrimaryHover: '#2a6fd6',
    colorInfo: '#0b57d0',
    colorLink: '#0b57d0',
    colorSuccess: '#237804',
    // Derived from the dark green above, antd's success background is a grey-green (#adb8a5) that
    // leaves success text at 2.7:1; the light green of antd's default palette keeps it above 4.5:1.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#ad4e00',
    // Same for warnings (a locked account's tag, the acting banner): a light orange keeps 5.5:1.
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px', bodyBg: '#f5f6f8' },
  },
};
