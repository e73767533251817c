import { Form, Modal, type FormInstance } from 'antd';
import type { ComponentType, ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { Refusal } from './common';

/** What a dialog's submission is: a TanStack mutation (its state, and its reset when the dialog is cancelled). */
export interface Submission {
  isPending: boolean;
  error: Error | null;
  reset(): void;
}

/**
 * The desk's modal with a vertical form: submit validates the fields and hands them on, the API's refusal shows
 * above the fields (with the plan's section), cancel forgets both. The fields are the children.
 */
export function FormDialog<Fields extends object>(props: {
  title: ReactNode;
  submission: Submission;
  onSubmit(fields: Fields): void;
  onClose(): void;
  /** Given when the dialog reads a field as it changes (Form.useWatch). */
  form?: FormInstance<Fields>;
  initialValues?: Partial<Fields>;
  danger?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Fields>(props.form);
  const { submission } = props;
  return (
    <Modal
      open
      title={props.title}
      okText={t('desk.submit')}
      cancelText={t('desk.cancel')}
      {...(props.danger ? { okButtonProps: { danger: true } } : {})}
      confirmLoading={submission.isPending}
      onCancel={() => {
        submission.reset();
        props.onClose();
      }}
      onOk={() => void form.validateFields().then((fields) => props.onSubmit(fields))}
      destroyOnHidden
    >
      <Refusal error={submission.error} />
      <Form form={form} layout="vertical" preserve={false} initialValues={props.initialValues}>
        {props.children}
      </Form>
    </Modal>
  );
}

/**
 * The dialog mounted only while `isOpen` says so: its form and its command start afresh at each opening, and a
 * closed one costs nothing.
 */
export function whileOpen<Props extends object>(
  isOpen: (props: Props) => boolean,
  Dialog: ComponentType<Props>,
): (props: Props) => ReactNode {
  return function OpenDialog(props: Props) {
    return isOpen(props) ? <Dialog {...props} /> : null;
  };
}
