import { Form, Input } from 'antd';
import { useRegulationI18n } from './text';
import { FormDialog, whileOpen } from '../FormDialog';
import { thisYear, today, useRegulationRecord } from './data';
import type { RecordDialogProps } from './DutyDialogs';
import { ChoiceField, DayField, NumberField, TextField } from './fields';

const GRADES = ['excellent', 'competent', 'basically-competent', 'incompetent'] as const;
const KINDS = ['inspection', 'audit'] as const;
const CHANNELS = ['hotline', 'mailbox'] as const;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** 六(三): a cadre rotated in or out, with the appointment document. */
export const RotationDialog = whileOpen((props) => props.open, RotationDialogOpen);

function RotationDialogOpen(props: RecordDialogProps) {
  const { t } = useRegulationI18n();
  const record = useRegulationRecord(props.officeId, props.onClose);
  return (
    <FormDialog<{ cadre: string; direction: 'in' | 'out'; rotatedOn: string; evidence: string }>
      title={t('desk.reg.action.rotation')}
      submission={record}
      onClose={props.onClose}
      initialValues={{ rotatedOn: today() }}
      onSubmit={(body) => record.mutate({ kind: 'rotation', body })}
    >
      <TextField name="cadre" label="desk.reg.cadre" max={100} />
      <ChoiceField
        name="direction"
        label="desk.reg.direction"
        values={['in', 'out']}
        prefix="desk.reg.direction"
      />
      <DayField name="rotatedOn" label="desk.reg.rotatedOn" />
      <TextField name="evidence" label="desk.reg.appointment" max={500} />
    </FormDialog>
  );
}

/** 六(一)(二): the sponsor's yearly appraisal, after asking the host city's management department. */
export const AppraisalDialog = whileOpen((props) => props.open, AppraisalDialogOpen);

function AppraisalDialogOpen(props: RecordDialogProps) {
  const { t } = useRegulationI18n();
  const record = useRegulationRecord(props.officeId, props.onClose);
  return (
    <FormDialog<{
      year: number;
      grade: (typeof GRADES)[number];
      summary: string;
      hostDepartment: string;
      hostOpinion: string;
    }>
      title={t('desk.reg.action.appraisal')}
      submission={record}
      onClose={props.onClose}
      initialValues={{ year: thisYear() }}
      onSubmit={(body) => record.mutate({ kind: 'appraisal', body })}
    >
      <NumberField name="year" label="desk.reg.year" min={2000} max={2200} step={1} />
      <ChoiceField name="grade" label="desk.reg.grade" values={GRADES} prefix="desk.reg.grade" />
      <TextField name="summary" label="desk.reg.summary" max={2000} rows={2} />
      <TextField name="hostDepartment" label="desk.reg.hostDepartment" max={200} />
      <TextField name="hostOpinion" label="desk.reg.hostOpinion" max={2000} rows={2} />
    </FormDialog>
  );
}

/** 六(四): an inspection (巡查) or audit, by whom, and what it found. */
export const SupervisionDialog = whileOpen((props) => props.open, SupervisionDialogOpen);

function SupervisionDialogOpen(props: RecordDialogProps) {
  const { t } = useRegulationI18n();
  const record = useRegulationRecord(props.officeId, props.onClose);
  return (
    <FormDialog<{
      kind: (typeof KINDS)[number];
      conductedBy: string;
      conductedOn: string;
      findings: string;
      evidence: string;
    }>
      title={t('desk.reg.action.supervision')}
      submission={record}
      onClose={props.onClose}
      initialValues={{ conductedOn: today() }}
      onSubmit={(body) => record.mutate({ kind: 'supervision', body })}
    >
      <ChoiceField name="kind" label="desk.reg.kind" values={KINDS} prefix="desk.reg.kind" />
      <TextField name="conductedBy" label="desk.reg.conductedBy" max={200} />
      <DayField name="conductedOn" label="desk.reg.conductedOn" />
      <TextField name="findings" label="desk.reg.findings" max={4000} rows={3} />
      <TextField name="evidence" label="desk.reg.report" max={500} />
    </FormDialog>
  );
}

/** 六(四): a complaint on the public line or mailbox; its result falls due. */
export const ComplaintDialog = whileOpen((props) => props.open, ComplaintDialogOpen);

function ComplaintDialogOpen(props: RecordDialogProps) {
  const { t } = useRegulationI18n();
  const record = useRegulationRecord(props.officeId, props.onClose);
  return (
    <FormDialog<{ complaintId: string; channel: (typeof CHANNELS)[number]; summary: string }>
      title={t('desk.reg.action.complaint')}
      submission={record}
      onClose={props.onClose}
      onSubmit={(body) => record.mutate({ kind: 'complaint', body })}
    >
      <Form.Item
        name="complaintId"
        label={t('desk.reg.complaintId')}
        rules={[{ required: true, pattern: ID, message: t('desk.reg.idRule') }]}
      >
        <Input maxLength={64} />
      </Form.Item>
      <ChoiceField name="channel" label="desk.reg.channel" values={CHANNELS} prefix="desk.reg.channel" />
      <TextField name="summary" label="desk.reg.complaintSummary" max={4000} rows={3} />
    </FormDialog>
  );
}

/** 六(四): a complaint's investigation and its result, published. */
export const ComplaintResultDialog = whileOpen(
  (props) => props.complaintId !== undefined,
  ComplaintResultDialogOpen,
);

function ComplaintResultDialogOpen(props: { officeId: string; complaintId?: string; onClose(): void }) {
  const { t } = useRegulationI18n();
  const record = useRegulationRecord(props.officeId, props.onClose);
  return (
    <FormDialog<{ investigation: string; result: string; publication: string }>
      title={`${t('desk.reg.action.complaint-result')} ${props.complaintId ?? ''}`}
      submission={record}
      onClose={props.onClose}
      onSubmit={(body) => record.mutate({ kind: 'complaint-result', complaintId: props.complaintId!, body })}
    >
      <TextField name="investigation" label="desk.reg.investigation" max={4000} rows={3} />
      <TextField name="result" label="desk.reg.result" max={4000} rows={2} />
      <TextField name="publication" label="desk.reg.publication" max={500} />
    </FormDialog>
  );
}
