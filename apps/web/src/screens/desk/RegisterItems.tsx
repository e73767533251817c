import { Button, Divider, Form, Input, InputNumber, Select, Space } from 'antd';
import { useI18n } from '../../i18n';

const ASSET_KINDS = ['land', 'building', 'vehicle', 'other'] as const;

/** The office's assets at registration: each must later be disposed of before it closes (八(三)). */
export function AssetFields() {
  const { t } = useI18n();
  const required = [{ required: true, message: t('desk.required') }];
  return (
    <Form.List name="assets">
      {(fields, { add, remove }) => (
        <>
          <Divider titlePlacement="start">{t('desk.assets')}</Divider>
          {fields.map((field) => (
            <Space key={field.key} wrap align="start" data-testid="asset-row">
              <Form.Item name={[field.name, 'assetId']} label={t('desk.assetId')} rules={required}>
                <Input style={{ width: 110 }} maxLength={64} />
              </Form.Item>
              <Form.Item name={[field.name, 'kind']} label={t('desk.assetKind')} rules={required}>
                <Select
                  style={{ width: 110 }}
                  options={ASSET_KINDS.map((kind) => ({ value: kind, label: t(`desk.kind.${kind}`) }))}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'description']}
                label={t('desk.description')}
                rules={[{ ...required[0]!, whitespace: true }]}
              >
                <Input style={{ width: 220 }} maxLength={500} />
              </Form.Item>
              <Form.Item name={[field.name, 'bookValue']} label={t('desk.bookValue')} rules={required}>
                <InputNumber min={0} max={1e12} precision={2} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item label=" ">
                <Button onClick={() => remove(field.name)}>{t('desk.remove')}</Button>
              </Form.Item>
            </Space>
          ))}
          <Form.Item>
            <Button
              type="dashed"
              onClick={() => add({ assetId: `asset-${fields.length + 1}`, kind: 'building' })}
            >
              {t('desk.addAsset')}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}

/** The office's staff at registration: each must later be placed (妥善安置). */
export function StaffFields() {
  const { t } = useI18n();
  const required = [{ required: true, message: t('desk.required') }];
  return (
    <Form.List name="staff">
      {(fields, { add, remove }) => (
        <>
          <Divider titlePlacement="start">{t('desk.staff')}</Divider>
          {fields.map((field) => (
            <Space key={field.key} wrap align="start" data-testid="staff-row">
              <Form.Item name={[field.name, 'staffId']} label={t('desk.staffId')} rules={required}>
                <Input style={{ width: 110 }} maxLength={64} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'name']}
                label={t('desk.staffName')}
                rules={[{ ...required[0]!, whitespace: true }]}
              >
                <Input style={{ width: 160 }} maxLength={100} />
              </Form.Item>
              <Form.Item label=" ">
                <Button onClick={() => remove(field.name)}>{t('desk.remove')}</Button>
              </Form.Item>
            </Space>
          ))}
          <Form.Item>
            <Button type="dashed" onClick={() => add({ staffId: `staff-${fields.length + 1}` })}>
              {t('desk.addStaff')}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}
