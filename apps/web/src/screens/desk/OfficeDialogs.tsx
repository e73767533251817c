import { Checkbox, Form, Input, type GetProps } from 'antd';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useOfficeCommand } from './commands';
import { FormDialog, whileOpen } from './FormDialog';
import type { OfficeDetail } from './queries';

const FUNCTIONS = [
  'economic-cooperation',
  'social-management',
  'party-member-services',
  'government-liaison',
] as const;

/**
 * A checkbox group without the aria-required its Form.Item hands it: ARIA allows that attribute on no role a group
 * of checkboxes has (axe: aria-allowed-attr). The label's mark and the rule still say an answer is required.
 */
function CheckboxGroup({
  'aria-required': _required,
  ...props
}: GetProps<typeof Checkbox.Group> & { 'aria-required'?: unknown }) {
  return <Checkbox.Group {...props} />;
}

interface DialogProps {
  office: OfficeDetail;
  open: boolean;
  onClose(): void;
}

/** A retention request (三(一)-c, 三(二)-exception): why, the functions it changes to (四), decoupled (五(一)). */
export const RetentionDialog = whileOpen((props) => props.open, RetentionDialogOpen);

function RetentionDialogOpen(props: DialogProps & { resubmission: boolean }) {
  const { t } = useI18n();
  const command = useOfficeCommand(props.office.officeId, props.office.version, props.onClose);
  const previous = props.office.retentionRequest;
  return (
    <FormDialog<Schemas['RetentionRequestDto']>
      title={props.resubmission ? t('desk.resubmit') : t('desk.requestRetention')}
      submission={command}
      onClose={props.onClose}
      initialValues={previous ?? { functions: [], decoupledFromBusinessEntities: false }}
      onSubmit={(body) =>
        command.mutate({
          kind: props.resubmission ? 'resubmission' : 'retention-request',
          body: { ...body, justification: body.justification.trim() },
        })
      }
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
        <CheckboxGroup options={FUNCTIONS.map((value) => ({ value, label: t(`desk.function.${value}`) }))} />
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
    </FormDialog>
  );
}

/** 撤销: the decision's document reference, and why. */
export const AbolitionDialog = whileOpen((props) => props.open, AbolitionDialogOpen);

function AbolitionDialogOpen(props: DialogProps) {
  const { t } = useI18n();
  const command = useOfficeCommand(props.office.officeId, props.office.version, props.onClose);
  return (
    <FormDialog<{ decisionReference: string; reason?: string }>
      title={t('desk.abolish')}
      danger
      submission={command}
      onClose={props.onClose}
      onSubmit={({ decisionReference, reason }) =>
        command.mutate({
          kind: 'abolition',
          body: {
            decisionReference: decisionReference.trim(),
            ...(reason?.trim() ? { reason: reason.trim() } : {}),
          },
        })
      }
    >
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
    </FormDialog>
  );
}
