import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useUploadPhoto } from '../hooks/use-events.ts';

export interface PickedPhoto {
  id: string;
  url: string;
}

const MAX_PHOTOS = 6;

interface PhotoPickerProps {
  value?: PickedPhoto[];
  onChange?: (photos: PickedPhoto[]) => void;
  id?: string;
  testId?: string;
}

/**
 * Photos taken with the phone's camera (or chosen from the gallery on a desk), each uploaded at
 * once to `/events/photos`, where the server compresses it; the form keeps only their ids.
 */
export function PhotoPicker({ value = [], onChange, id, testId = 'photo-input' }: PhotoPickerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const upload = useUploadPhoto();
  const input = useRef<HTMLInputElement>(null);
  // Uploads finish one after another; each adds to the list as it stood then, not as it was rendered.
  const current = useRef(value);
  current.current = value;

  const add = async (files: FileList | null) => {
    for (const file of Array.from(files ?? []).slice(0, MAX_PHOTOS - current.current.length)) {
      try {
        const photo = await upload.mutateAsync(file);
        current.current = [...current.current, { id: photo.id, url: photo.url }];
        onChange?.(current.current);
      } catch (error) {
        void message.error(t('events.photos.failed', { message: messageOf(error) }));
      }
    }
    if (input.current) input.current.value = '';
  };

  return (
    <Flex vertical gap={8}>
      {value.length > 0 ? (
        <Flex wrap gap={8} data-testid={`${testId}-list`}>
          {value.map((photo, index) => (
            <Flex key={photo.id} vertical align="center" gap={4}>
              <Image
                src={photo.url}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                alt={t('events.event.photoAlt', { stage: t('events.event.photos'), index: index + 1 })}
              />
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined aria-hidden />}
                aria-label={`${t('events.photos.remove')} ${index + 1}`}
                onClick={() => onChange?.(value.filter((p) => p.id !== photo.id))}
              />
            </Flex>
          ))}
        </Flex>
      ) : null}
      {value.length < MAX_PHOTOS ? (
        <div>
          <Button
            icon={<CameraOutlined aria-hidden />}
            loading={upload.isPending}
            onClick={() => input.current?.click()}
          >
            {upload.isPending ? t('events.photos.uploading') : t('events.photos.add')}
          </Button>
          <input
            ref={input}
            id={id}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            style={{ display: 'none' }}
            data-testid={testId}
            onChange={(e) => void add(e.target.files)}
          />
        </div>
      ) : null}
      <Typography.Text type="secondary">{t('events.photos.hint')}</Typography.Text>
    </Flex>
  );
}
