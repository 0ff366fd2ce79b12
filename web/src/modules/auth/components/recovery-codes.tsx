import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { saveBlob } from '../../../ui/download.ts';
import { formatDateTime } from '../../../ui/format.ts';

interface RecoveryCodesProps {
  codes: readonly string[];
  username: string;
  onDone: () => void;
  doneLabel?: string;
}

/** Copies text; falls back to a hidden textarea where the Clipboard API is unavailable (plain-http intranets). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

/**
 * The ten recovery codes, shown this once (the server keeps only their hashes): 复制, 下载 as a text
 * file, and 我已妥善保存 to go on.
 */
export function RecoveryCodes({ codes, username, onDone, doneLabel }: RecoveryCodesProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const headingId = useId();
  const text = codes.join('\n');

  const copy = async () => {
    if (await copyText(text)) void message.success(t('auth.recoveryCodes.copied'));
    else void message.error(t('auth.recoveryCodes.copyFailed'));
  };
  const download = () => {
    const header = t('auth.recoveryCodes.fileHeader', {
      username,
      time: formatDateTime(new Date().toISOString(), locale),
    });
    const blob = new Blob([`${header}\r\n\r\n${codes.join('\r\n')}\r\n`], {
      type: 'text/plain;charset=utf-8',
    });
    saveBlob(blob, `linli-recovery-codes-${username}.txt`);
  };

  return (
    <Flex vertical gap={16} data-testid="recovery-codes">
      <Alert type="warning" showIcon title={t('auth.recoveryCodes.intro')} />
      <section aria-labelledby={headingId}>
        <Typography.Text strong id={headingId}>
          {t('auth.recoveryCodes.listLabel')}
        </Typography.Text>
        <ol
          data-testid="recovery-code-list"
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))',
            gap: '4px 16px',
            margin: '8px 0 0',
            paddingInlineStart: 28,
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
            fontSize: 15,
          }}
        >
          {codes.map((code) => (
            <li key={code} data-testid="recovery-code">
              {code}
            </li>
          ))}
        </ol>
      </section>
      <Flex wrap gap={8}>
        <Button
          icon={<CopyOutlined aria-hidden />}
          onClick={() => void copy()}
          data-testid="recovery-codes-copy"
        >
          {t('auth.recoveryCodes.copy')}
        </Button>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          onClick={download}
          data-testid="recovery-codes-download"
        >
          {t('auth.recoveryCodes.download')}
        </Button>
      </Flex>
      <Button type="primary" block onClick={onDone} data-testid="recovery-codes-done">
        {doneLabel ?? t('auth.recoveryCodes.done')}
      </Button>
    </Flex>
  );
}
