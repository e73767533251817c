import { Checkbox, Form, Input, Modal } from 'antd';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Refusal } from './common';
import { useOfficeCommand } from './commands';
import type { OfficeDetail } from './queries';

const FUNCTIONS = [
  'economic-cooperation',
  'social-management',
  'party-member-services',
  'government-liaison',
] as const;

interface DialogProps {
  office: OfficeDetail;
  open: boolean;
  onClose(): void;
}

/** A retention request (三(一)-c, 三(二)-exception): why, the functions it changes to (四), decoupled (五(一)). */
export function RetentionDialog(props: Parameters<typeof RetentionDialogOpen>[0]) {
  return props.open ? <RetentionDialogOpen {...props} /> : null;
}

function RetentionDialogOpen(props: DialogProps & { resubmission: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Schemas['RetentionRequestDto']>();
  const command = useOfficeCommand(props.office.officeId, props.office.version, props.onClose);
  const previous = props.office.retentionRequest;
  return (
    <Modal
      open={props.open}
      title={props.resubmission ? t('desk.resubmit') : t('desk.requestRetention')}
      okText={t('desk.submit')}
      cancelText={t('desk.cancel')}
      confirmLoading={command.isPending}
      onCancel={() => {
        command.reset();
        props.onClose();
      }}
      onOk={() =>
        void form.validateFields().then((body) =>
          command.mutate({
            kind: props.resubmission ? 'resubmission' : 'retention-request',
            body: { ...body, justification: body.justification.trim() },
          }),
        )
      }
      destroyOnHidden
    >
      <Refusal error={command.error} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={previous ?? { functions: [], decoupledFromBusinessEntities: false }}
      >
        <Form.Item
          name="justification"
          label={t('desk.justification')}
          rules={[{ required: true, whitespace: true, message: t('desk.required') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="functions"
          label={t('desk.functions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('desk.required') }]}
        >
          <Checkbox.Group
            options={FUNCTIONS.map((value) => ({ value, label: t(`desk.function.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="decoupledFromBusinessEntities"
          valuePropName="checked"
          rules={[
            {
              validator: (_, checked: boolean) =>
                checked ? Promise.resolve() : Promise.reject(new Error(t('desk.decoupledRequired'))),
            },
          ]}
        >
          <Checkbox>{t('desk.decoupled')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 撤销: the decision's document reference, and why. */
export function AbolitionDialog(props: Parameters<typeof AbolitionDialogOpen>[0]) {
  return props.open ? <AbolitionDialogOpen {...props} /> : null;
}

function AbolitionDialogOpen(props: DialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decisionReference: string; reason?: string }>();
  const command = useOfficeCommand(props.office.officeId, props.office.version, props.onClose);
  return (
    <Modal
      open={props.open}
      title={t('desk.abolish')}
      okText={t('desk.submit')}
      okButtonProps={{ danger: true }}
      cancelText={t('desk.cancel')}
      confirmLoading={command.isPending}
      onCancel={() => {
        command.reset();
        props.onClose();
      }}
      onOk={() =>
        void form.validateFields().then(({ decisionReference, reason }) =>
          command.mutate({
            kind: 'abolition',
            body: {
              decisionReference: decisionReference.trim(),
              ...(reason?.trim() ? { reason: reason.trim() } : {}),
            },
          }),
        )
      }
      destroyOnHidden
    >
      <Refusal error={command.error} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="decisionReference"
          label={t('desk.decisionReference')}
          rules={[{ required: true, whitespace: true, message: t('desk.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="reason" label={t('desk.reason')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
