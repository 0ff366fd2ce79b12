import { AimOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, List, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../../app/api/api-error.ts';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useActiveSession, usePermissions } from '../../auth/hooks/use-auth.ts';
import { CategoryPicker } from '../components/category-picker.tsx';
import { EventDivisionPicker } from '../components/event-division-picker.tsx';
import { EventStateText } from '../components/event-state.tsx';
import { PhotoPicker, type PickedPhoto } from '../components/photo-picker.tsx';
import type { CreateEventBody, Duplicate } from '../events.types.ts';
import { useCreateEvent, useDuplicates } from '../hooks/use-events.ts';
import { locate, type Position } from '../location.ts';

interface Values {
  categoryCode?: string;
  description?: string;
  photos?: PickedPhoto[];
  divisionCode?: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
}

const GRID_CODE_LENGTH = 15;
/** Staff at a community desk record residents' phone calls (来电登记). */
const DESK_ROLES = new Set(['community_worker', 'station_staff', 'street_staff', 'district_admin']);
/** Staff who may record who raised the matter: a caller at the desk, a resident met on patrol. */
const STAFF_ROLES = new Set([...DESK_ROLES, 'grid_member', 'grid_leader']);
const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** The grid the user works in or lives in: the first grant scoped to a grid. */
function useHomeGrid() {
  const session = useActiveSession();
  return useMemo(() => {
    const grant = session?.roles.find((r) => r.scopeCode?.length === GRID_CODE_LENGTH);
    return grant?.scopeCode ? { code: grant.scopeCode, name: grant.scopeName ?? grant.scopeCode } : undefined;
  }, [session]);
}

/**
 * 上报事件 (phone first): category, description, photos from the camera, the grid (the member's own
 * by default), address and the device's position; likely duplicates are shown before submitting.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useActiveSession();
  const { can } = usePermissions();
  const home = useHomeGrid();
  const [form] = Form.useForm<Values>();
  const create = useCreateEvent();
  const [position, setPosition] = useState<Position | undefined>();
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const desk = session?.roles.some((r) => DESK_ROLES.has(r.role)) ?? false;
  const staff = session?.roles.some((r) => STAFF_ROLES.has(r.role)) ?? false;
  const pickGrid = can('division:read');
  const categoryCode = Form.useWatch('categoryCode', form);
  const divisionCode = Form.useWatch('divisionCode', form) ?? home?.code;
  const duplicates = useDuplicates(
    categoryCode?.length === 4 && divisionCode?.length === GRID_CODE_LENGTH
      ? { categoryCode, divisionCode, ...(position ?? {}) }
      : undefined,
  );
  const candidates: Duplicate[] = Array.isArray(duplicates.data) ? duplicates.data : [];

  const findMe = () => {
    setLocating('busy');
    locate().then(
      (p) => {
        setPosition(p);
        setLocating('idle');
      },
      () => setLocating('failed'),
    );
  };

  const submit = async (v: Values) => {
    const body: CreateEventBody = {
      categoryCode: v.categoryCode ?? '',
      divisionCode: v.divisionCode ?? home?.code ?? '',
      description: (v.description ?? '').trim(),
      address: v.address?.trim() || null,
      photoIds: (v.photos ?? []).map((p) => p.id),
      ...(position ?? {}),
      ...(desk ? { source: 'phone' as const } : {}),
      ...(staff
        ? { contactName: v.contactName?.trim() || null, contactPhone: v.contactPhone?.trim() || null }
        : {}),
    };
    try {
      const created = await create.mutateAsync(body);
      void message.success(t('events.report.submitted', { no: created.no }));
      void navigate(`/m/events/${created.id}`, { replace: true });
    } catch (error) {
      if (!(error instanceof ApiError)) return;
      const fields = new Map<string, string[]>();
      for (const e of error.errors) {
        const name = e.field.replace(/^body\./, '').split('.')[0] ?? '';
        const field = name === 'photoIds' ? 'photos' : name;
        fields.set(field, [...(fields.get(field) ?? []), e.message]);
      }
      form.setFields([...fields].map(([name, errors]) => ({ name: name as keyof Values, errors })));
    }
  };

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t('events.report.title')} subtitle={t('events.report.subtitle')} />
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark
          data-testid="event-report-form"
          initialValues={{ divisionCode: home?.code, photos: [] }}
          onFinish={(v) => void submit(v)}
        >
          {create.error && !(create.error instanceof ApiError && create.error.status === 400) ? (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={create.error} />
            </div>
          ) : null}
          <Form.Item
            name="categoryCode"
            label={t('events.report.category')}
            rules={[{ required: true, len: 4, message: t('events.report.categoryRequired') }]}
          >
            <CategoryPicker pick="leaf" data-testid="report-category" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('events.report.description')}
            rules={[
              {
                required: true,
                whitespace: true,
                min: 5,
                max: 1000,
                message: t('events.report.descriptionRequired'),
              },
            ]}
          >
            <Input.TextArea
              rows={4}
              maxLength={1000}
              showCount
              placeholder={t('events.report.descriptionPlaceholder')}
              data-testid="report-description"
            />
          </Form.Item>
          <Form.Item name="photos" label={t('events.event.photos')}>
            <PhotoPicker testId="report-photo-input" />
          </Form.Item>
          {pickGrid ? (
            <Form.Item
              name="divisionCode"
              label={t('events.report.grid')}
              rules={[{ required: true, len: GRID_CODE_LENGTH, message: t('events.report.gridRequired') }]}
            >
              <EventDivisionPicker pick="grid" style={{ width: '100%' }} data-testid="report-grid" />
            </Form.Item>
          ) : (
            <Form.Item label={t('events.report.grid')}>
              <Typography.Text data-testid="report-grid">{home?.name ?? t('common.none')}</Typography.Text>
            </Form.Item>
          )}
          <Form.Item name="address" label={t('events.report.address')}>
            <Input
              maxLength={200}
              placeholder={t('events.report.addressPlaceholder')}
              data-testid="report-address"
            />
          </Form.Item>
          <Form.Item>
            <Button icon={<AimOutlined aria-hidden />} loading={locating === 'busy'} onClick={findMe}>
              {t('events.report.locate')}
            </Button>
            <div role="status" aria-live="polite" style={{ marginTop: 4 }}>
              {position ? (
                <Typography.Text type="secondary">
                  {t('events.report.located', { lon: position.longitude, lat: position.latitude })}
                </Typography.Text>
              ) : locating === 'failed' ? (
                <Typography.Text type="secondary">{t('events.report.locateFailed')}</Typography.Text>
              ) : null}
            </div>
          </Form.Item>
          {staff ? (
            <>
              <Form.Item name="contactName" label={t('events.report.contactName')}>
                <Input maxLength={50} data-testid="report-contact-name" />
              </Form.Item>
              <Form.Item
                name="contactPhone"
                label={t('events.report.contactPhone')}
                extra={t('events.report.contactHelp')}
                rules={[{ pattern: PHONE_PATTERN, message: t('events.report.phoneInvalid') }]}
              >
                <Input maxLength={20} inputMode="tel" data-testid="report-contact-phone" />
              </Form.Item>
            </>
          ) : null}
          {candidates.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="report-duplicates"
              title={t('events.report.duplicates')}
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>
                    {t('events.report.duplicatesHint')}
                  </Typography.Paragraph>
                  <List
                    size="small"
                    dataSource={candidates}
                    renderItem={(d) => (
                      <List.Item style={{ paddingInline: 0 }}>
                        <div>
                          <Link to={`/m/events/${d.id}`}>{d.no}</Link> <EventStateText state={d.state} />
                          <div>{d.description}</div>
                          <Typography.Text type="secondary">
                            {[
                              d.address,
                              d.distanceMetres !== null ? `${d.distanceMetres} m` : null,
                              formatDateTime(d.reportedAt, locale),
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </Typography.Text>
                        </div>
                      </List.Item>
                    )}
                  />
                </>
              }
            />
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={create.isPending}
            data-testid="btn-report-submit"
          >
            {t('events.report.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
