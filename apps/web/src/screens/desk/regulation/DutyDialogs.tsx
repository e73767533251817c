import { Form, Input, Select } from 'antd';
import { useRegulationI18n } from './text';
import { FormDialog, whileOpen } from '../FormDialog';
import { thisYear, today, useRegulationRecord } from './data';
import { DayField, NumberField, TextField, useRequired } from './fields';

/** The four functions of 四; 'other' lets a clerk name another, which the API refuses citing 四. */
export const FUNCTIONS = [
  'economic-cooperation',
  'social-management',
  'party-member-services',
  'government-liaison',
] as const;
const OTHER = 'other';

export interface RecordDialogProps {
  officeId: string;
  open: boolean;
  onClose(): void;
}

/** 四: something the office did under one of its functions, with its evidence. */
export const FunctionDialog = whileOpen((props) => props.open, FunctionDialogOpen);

interface FunctionFields {
  function: string;
  otherFunction?: string;
  activity: string;
  evidence: string;
  occurredOn: string;
}

function FunctionDialogOpen(props: RecordDialogProps) {
  const { t } = useRegulationI18n();
  const required = useRequired();
  const record = useRegulationRecord(props.officeId, props.onClose);
  const [form] = Form.useForm<FunctionFields>();
  const chosen = Form.useWatch('function', form);
  return (
    <FormDialog<FunctionFields>
      title={t('desk.reg.action.function')}
      form={form}
      submission={record}
      onClose={props.onClose}
      initialValues={{ occurredOn: today() }}
      onSubmit={({ function: fn, otherFunction, ...rest }) =>
        record.mutate({
          kind: 'function',
          body: { ...rest, function: fn === OTHER ? (otherFunction ?? '').trim() : fn },
        })
      }
    >
      <Form.Item name="function" label={t('desk.reg.function')} rules={required}>
        <Select
          options={[
            ...FUNCTIONS.map((value) => ({ value, label: t(`desk.function.${value}`) })),
            { value: OTHER, label: t('desk.reg.function.other') },
          ]}
        />
      </Form.Item>
      {chosen === OTHER && (
        <TextField
          name="otherFunction"
          label="desk.reg.otherFunction"
          max={60}
          extra={t('desk.reg.otherHint')}
        />
      )}
      <TextField name="activity" label="desk.reg.activity" max={1000} rows={3} />
      <TextField name="evidence" label="desk.reg.evidence" max={1000} />
      <DayField name="occurredOn" label="desk.reg.occurredOn" />
    </FormDialog>
  );
}

/** 五(一): the hotels, guesthouses and other business entities the office is decoupled from. */
export const DecouplingDialog = whileOpen((props) => props.open, DecouplingDialogOpen);

function DecouplingDialogOpen(props: RecordDialogProps) {
  const { t } = useRegulationI18n();
  const record = useRegulationRecord(props.officeId, props.onClose);
  return (
    <FormDialog<{ entities: string; evidence: string; decoupledOn: string }>
      title={t('desk.reg.action.decoupling')}
      submission={record}
      onClose={props.onClose}
      initialValues={{ decoupledOn: today() }}
      onSubmit={({ entities, ...rest }) =>
        record.mutate({
          kind: 'decoupling',
          body: {
            ...rest,
            entities: entities
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
          },
        })
      }
    >
      <TextField name="entities" label="desk.reg.entities" max={4000} rows={3} />
      <TextField name="evidence" label="desk.reg.evidence" max={1000} />
      <DayField name="decoupledOn" label="desk.reg.decoupledOn" />
    </FormDialog>
  );
}

/** 五(二): one official reception, with its reception letter (公函) and list (清单). */
export const ReceptionDialog = whileOpen((props) => props.open, ReceptionDialogOpen);

function ReceptionDialogOpen(props: RecordDialogProps) {
  const { t } = useRegulationI18n();
  const record = useRegulationRecord(props.officeId, props.onClose);
  return (
    <FormDialog<{
      receptionId: string;
      receivedOn: string;
      guestUnit: string;
      letterReference: string;
      list: string;
      cost: number;
    }>
      title={t('desk.reg.action.reception')}
      submission={record}
      onClose={props.onClose}
      initialValues={{ receivedOn: today() }}
      onSubmit={(body) => record.mutate({ kind: 'reception', body })}
    >
      <Form.Item
        name="receptionId"
        label={t('desk.reg.receptionId')}
        rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/, message: t('desk.reg.idRule') }]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <DayField name="receivedOn" label="desk.reg.receivedOn" />
      <TextField name="guestUnit" label="desk.reg.guestUnit" max={200} />
      <TextField name="letterReference" label="desk.reg.letterReference" max={200} />
      <TextField name="list" label="desk.reg.list" max={2000} rows={3} />
      <NumberField name="cost" label="desk.reg.cost" />
    </FormDialog>
  );
}

/** 五(三): the year's reception budget, spending and venues, and where they were published. */
export const DisclosureDialog = whileOpen((props) => props.open, DisclosureDialogOpen);

function DisclosureDialogOpen(props: RecordDialogProps & { year?: number }) {
  const { t } = useRegulationI18n();
  const record = useRegulationRecord(props.officeId, props.onClose);
  return (
    <FormDialog<{ year: number; budget: number; spending: number; venues: string; publication: string }>
      title={t('desk.reg.action.disclosure')}
      submission={record}
      onClose={props.onClose}
      initialValues={{ year: props.year ?? thisYear() }}
      onSubmit={(body) => record.mutate({ kind: 'disclosure', body })}
    >
      <NumberField name="year" label="desk.reg.year" min={2000} max={2200} step={1} />
      <NumberField name="budget" label="desk.reg.budget" />
      <NumberField name="spending" label="desk.reg.spending" />
      <TextField name="venues" label="desk.reg.venues" max={2000} rows={2} />
      <TextField name="publication" label="desk.reg.publication" max={500} />
    </FormDialog>
  );
}
