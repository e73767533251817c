import { Form, Input, InputNumber, Select } from 'antd';
import type { ReactNode } from 'react';
import { useRegulationI18n } from './text';
import type { RegulationKey } from './text';

/** The form items the regulation dialogs share: required text, a calendar day, an amount, a choice. */

export function useRequired() {
  const { t } = useRegulationI18n();
  return [{ required: true, whitespace: true, message: t('desk.required') }];
}

export function TextField(props: {
  name: string;
  label: RegulationKey;
  max: number;
  rows?: number;
  extra?: ReactNode;
}) {
  const { t } = useRegulationI18n();
  const rules = useRequired();
  return (
    <Form.Item name={props.name} label={t(props.label)} rules={rules} extra={props.extra}>
      {props.rows ? (
        <Input.TextArea rows={props.rows} maxLength={props.max} />
      ) : (
        <Input maxLength={props.max} />
      )}
    </Form.Item>
  );
}

/** A calendar day as the API takes it (YYYY-MM-DD): the browser's own date input writes exactly that. */
export function DayField({ name, label }: { name: string; label: RegulationKey }) {
  const { t } = useRegulationI18n();
  return (
    <Form.Item name={name} label={t(label)} rules={[{ required: true, message: t('desk.required') }]}>
      <Input type="date" />
    </Form.Item>
  );
}

export function NumberField(props: {
  name: string;
  label: RegulationKey;
  min?: number;
  max?: number;
  step?: number;
}) {
  const { t } = useRegulationI18n();
  return (
    <Form.Item
      name={props.name}
      label={t(props.label)}
      rules={[{ required: true, message: t('desk.required') }]}
    >
      <InputNumber
        min={props.min ?? 0}
        max={props.max}
        precision={props.step === 1 ? 0 : 2}
        step={props.step}
        style={{ width: '100%' }}
      />
    </Form.Item>
  );
}

/** A choice among the API's values, each with its words (`${prefix}.${value}` in the catalogs). */
export function ChoiceField(props: {
  name: string;
  label: RegulationKey;
  values: readonly string[];
  prefix: string;
}) {
  const { t } = useRegulationI18n();
  return (
    <Form.Item
      name={props.name}
      label={t(props.label)}
      rules={[{ required: true, message: t('desk.required') }]}
    >
      <Select
        options={props.values.map((value) => ({
          value,
          label: t(`${props.prefix}.${value}` as RegulationKey),
        }))}
      />
    </Form.Item>
  );
}
