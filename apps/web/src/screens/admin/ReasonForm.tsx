import { Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';

/**
 * A command's form in a dialog: its own fields and the reason every administrative change keeps on record. Resolves
 * with the values; an error from the API stays in the dialog.
 */
export function CommandDialog<T extends { reason: string }>({
  title,
  open,
  busy,
  error,
  initialValues,
  onCancel,
  onSubmit,
  children,
}: {
  title: string;
  open: boolean;
  busy: boolean;
  error?: string;
  initialValues?: Partial<T>;
  onCancel(): void;
  onSubmit(values: T): void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<T>();
  return (
    <Modal
      title={title}
      open={open}
      okText={t('confirm')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onFinish={(values) => onSubmit(values)}
      >
        {children}
        <Form.Item
          name="reason"
          label={t('reason')}
          rules={[{ required: true, whitespace: true, message: t('admin.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {error && (
          <div role="alert" style={{ color: '#cf1322' }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
}
