import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input } from 'antd';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { FormDialog, whileOpen } from './FormDialog';
import { DESK_KEYS } from './queries';

export type FilingKind = 'work-plan' | 'work-summary';

interface FilingFields {
  leadDepartment: string;
  liaisonName: string;
  liaisonPhone: string;
  plan: string;
  summary: string;
}

/** Files (or files again) the work plan or the work summary; the API keeps the latest and when it came. */
export const FilingDialog = whileOpen((props) => props.kind !== undefined, FilingDialogOpen);

function FilingDialogOpen(props: {
  unitId: string;
  kind: FilingKind | undefined;
  current: Schemas['UnitFilingsDto'] | undefined;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const file = useMutation({
    mutationFn: async (fields: FilingFields) => {
      const path = { unitId: props.unitId };
      if (props.kind === 'work-plan')
        return unwrap(
          await api.POST('/units/{unitId}/work-plan', {
            params: { path },
            body: {
              leadDepartment: fields.leadDepartment.trim(),
              liaisonPerson: { name: fields.liaisonName.trim(), phone: fields.liaisonPhone.trim() },
              plan: fields.plan.trim(),
            },
          }),
        );
      return unwrap(
        await api.POST('/units/{unitId}/work-summary', {
          params: { path },
          body: { summary: fields.summary.trim() },
        }),
      );
    },
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: DESK_KEYS.filings(props.unitId) });
      await queries.invalidateQueries({ queryKey: DESK_KEYS.notices });
      void message.success(t('desk.saved'));
      props.onClose();
    },
  });
  const required = [{ required: true, whitespace: true, message: t('desk.required') }];
  const plan = props.current?.workPlan;
  return (
    <FormDialog<FilingFields>
      title={props.kind === 'work-plan' ? t('desk.fileWorkPlan') : t('desk.fileWorkSummary')}
      submission={file}
      onClose={props.onClose}
      onSubmit={(fields) => file.mutate(fields)}
      initialValues={{
        leadDepartment: plan?.leadDepartment,
        liaisonName: plan?.liaisonPerson.name,
        liaisonPhone: plan?.liaisonPerson.phone,
        plan: plan?.plan,
        summary: props.current?.workSummary?.summary,
      }}
    >
      {props.kind === 'work-plan' ? (
        <>
          <Form.Item name="leadDepartment" label={t('desk.leadDepartment')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="liaisonName" label={t('desk.liaisonName')} rules={required}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="liaisonPhone" label={t('desk.liaisonPhone')} rules={required}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="plan" label={t('desk.planText')} rules={required}>
            <Input.TextArea rows={5} maxLength={20000} />
          </Form.Item>
        </>
      ) : (
        <Form.Item name="summary" label={t('desk.summaryText')} rules={required}>
          <Input.TextArea rows={6} maxLength={20000} />
        </Form.Item>
      )}
    </FormDialog>
  );
}
