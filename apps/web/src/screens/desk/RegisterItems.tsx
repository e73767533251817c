import { Button, Divider, Form, Input, InputNumber, Select, Space, type FormListFieldData } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';

const ASSET_KINDS = ['land', 'building', 'vehicle', 'other'] as const;

/** A list of items in the registration form: a row of fields each, removable, and a button adding one. */
function ItemList(props: {
  name: string;
  title: string;
  rowTestId: string;
  addLabel: string;
  /** The new item's first values, given the number it will have. */
  newItem(number: number): Record<string, unknown>;
  children(field: FormListFieldData): ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Form.List name={props.name}>
      {(fields, { add, remove }) => (
        <>
          <Divider titlePlacement="start">{props.title}</Divider>
          {fields.map((field) => (
            <Space key={field.key} wrap align="start" data-testid={props.rowTestId}>
              {props.children(field)}
              <Form.Item label=" ">
                <Button onClick={() => remove(field.name)}>{t('desk.remove')}</Button>
              </Form.Item>
            </Space>
          ))}
          <Form.Item>
            <Button type="dashed" onClick={() => add(props.newItem(fields.length + 1))}>
              {props.addLabel}
            </Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}

/** The office's assets at registration: each must later be disposed of before it closes (八(三)). */
export function AssetFields() {
  const { t } = useI18n();
  const required = [{ required: true, message: t('desk.required') }];
  return (
    <ItemList
      name="assets"
      title={t('desk.assets')}
      rowTestId="asset-row"
      addLabel={t('desk.addAsset')}
      newItem={(number) => ({ assetId: `asset-${number}`, kind: 'building' })}
    >
      {(field) => (
        <>
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
        </>
      )}
    </ItemList>
  );
}

/** The office's staff at registration: each must later be placed (妥善安置). */
export function StaffFields() {
  const { t } = useI18n();
  const required = [{ required: true, message: t('desk.required') }];
  return (
    <ItemList
      name="staff"
      title={t('desk.staff')}
      rowTestId="staff-row"
      addLabel={t('desk.addStaff')}
      newItem={(number) => ({ staffId: `staff-${number}` })}
    >
      {(field) => (
        <>
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
        </>
      )}
    </ItemList>
  );
}
