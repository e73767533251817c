import { Form, Input, InputNumber, Select } from 'antd';
import type { Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { useOfficeCommand } from './commands';
import { FormDialog, whileOpen } from './FormDialog';
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
export const DisposalDialog = whileOpen((props) => props.asset !== undefined, DisposalDialogOpen);

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
    <FormDialog<Disposal>
      title={props.asset ? `${t('desk.dispose')} · ${props.asset.description}` : t('desk.dispose')}
      submission={command}
      onClose={props.onClose}
      form={form}
      initialValues={{ method: 'transfer', value: props.asset?.bookValue }}
      onSubmit={(fields) =>
        command.mutate({
          kind: 'asset-disposal',
          body: {
            assetId: props.asset!.assetId,
            method: fields.method,
            value: fields.value,
            approvalReference: fields.approvalReference.trim(),
            ...(writeOff ? {} : { recipient: fields.recipient?.trim(), recipientKind: fields.recipientKind }),
          },
        })
      }
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
    </FormDialog>
  );
}

/** One person's placement (妥善安置): how, and where they go. */
export const PlacementDialog = whileOpen((props) => props.member !== undefined, PlacementDialogOpen);

function PlacementDialogOpen(props: {
  office: OfficeDetail;
  member: OfficeDetail['staff'][number] | undefined;
  onClose(): void;
}) {
  const { t } = useI18n();
  const command = useOfficeCommand(props.office.officeId, props.office.version, props.onClose);
  const required = [{ required: true, whitespace: true, message: t('desk.required') }];
  return (
    <FormDialog<Schemas['StaffPlacementDto']>
      title={props.member ? `${t('desk.place')} · ${props.member.name}` : t('desk.place')}
      submission={command}
      onClose={props.onClose}
      initialValues={{ placement: 'returned-to-sponsor' }}
      onSubmit={(fields) =>
        command.mutate({
          kind: 'staff-placement',
          body: {
            staffId: props.member!.staffId,
            placement: fields.placement,
            destination: fields.destination.trim(),
          },
        })
      }
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
    </FormDialog>
  );
}
