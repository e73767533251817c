import { Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { Refusal } from './common';
import { useOfficeCommand } from './commands';
import type { OfficeDetail } from './queries';

const METHODS = ['transfer', 'reallocation', 'public-auction', 'write-off'] as const;
const RECIPIENT_KINDS = [
  'government-body',
  'public-institution',
  'state-owned-enterprise',
  'private-party',
] as const;
const PLACEMENTS = ['returned-to-sponsor', 'transferred', 'retired', 'contract-ended'] as const;

type Disposal = Schemas['AssetDisposalDto'];

/**
 * One asset's disposal. The form does not second-guess the plan: a disposal to a private party other than by public
 * auction goes to the API, whose refusal cites 八(三).
 */
export function DisposalDialog(props: Parameters<typeof DisposalDialogOpen>[0]) {
  return props.asset !== undefined ? <DisposalDialogOpen {...props} /> : null;
}

function DisposalDialogOpen(props: {
  office: OfficeDetail;
  asset: OfficeDetail['assets'][number] | undefined;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Disposal>();
  const method = Form.useWatch('method', form);
  const command = useOfficeCommand(props.office.officeId, props.office.version, props.onClose);
  const required = [{ required: true, message: t('desk.required') }];
  const writeOff = method === 'write-off';
  return (
    <Modal
      open={props.asset !== undefined}
      title={props.asset ? `${t('desk.dispose')} · ${props.asset.description}` : t('desk.dispose')}
      okText={t('desk.submit')}
      cancelText={t('desk.cancel')}
      confirmLoading={command.isPending}
      onCancel={() => {
        command.reset();
        props.onClose();
      }}
      onOk={() =>
        void form.validateFields().then((fields) =>
          command.mutate({
            kind: 'asset-disposal',
            body: {
              assetId: props.asset!.assetId,
              method: fields.method,
              value: fields.value,
              approvalReference: fields.approvalReference.trim(),
              ...(writeOff
                ? {}
                : { recipient: fields.recipient?.trim(), recipientKind: fields.recipientKind }),
            },
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
        initialValues={{ method: 'transfer', value: props.asset?.bookValue }}
      >
        <Form.Item name="method" label={t('desk.method')} rules={required}>
          <Select options={METHODS.map((value) => ({ value, label: t(`desk.method.${value}`) }))} />
        </Form.Item>
        {!writeOff && (
          <>
            <Form.Item
              name="recipient"
              label={t('desk.recipient')}
              rules={[{ ...required[0]!, whitespace: true }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="recipientKind" label={t('desk.recipientKind')} rules={required}>
              <Select
                options={RECIPIENT_KINDS.map((value) => ({ value, label: t(`desk.recipient.${value}`) }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="value" label={t('desk.value')} rules={required}>
          <InputNumber min={0} max={1e12} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="approvalReference"
          label={t('desk.approvalReference')}
          rules={[{ ...required[0]!, whitespace: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One person's placement (妥善安置): how, and where they go. */
export function PlacementDialog(props: Parameters<typeof PlacementDialogOpen>[0]) {
  return props.member !== undefined ? <PlacementDialogOpen {...props} /> : null;
}

function PlacementDialogOpen(props: {
  office: OfficeDetail;
  member: OfficeDetail['staff'][number] | undefined;
  onClose(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Schemas['StaffPlacementDto']>();
  const command = useOfficeCommand(props.office.officeId, props.office.version, props.onClose);
  const required = [{ required: true, whitespace: true, message: t('desk.required') }];
  return (
    <Modal
      open={props.member !== undefined}
      title={props.member ? `${t('desk.place')} · ${props.member.name}` : t('desk.place')}
      okText={t('desk.submit')}
      cancelText={t('desk.cancel')}
      confirmLoading={command.isPending}
      onCancel={() => {
        command.reset();
        props.onClose();
      }}
      onOk={() =>
        void form.validateFields().then((fields) =>
          command.mutate({
            kind: 'staff-placement',
            body: {
              staffId: props.member!.staffId,
              placement: fields.placement,
              destination: fields.destination.trim(),
            },
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
        initialValues={{ placement: 'returned-to-sponsor' }}
      >
        <Form.Item
          name="placement"
          label={t('desk.placement')}
          rules={[{ required: true, message: t('desk.required') }]}
        >
          <Select options={PLACEMENTS.map((value) => ({ value, label: t(`desk.placement.${value}`) }))} />
        </Form.Item>
        <Form.Item name="destination" label={t('desk.destination')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
