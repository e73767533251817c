import { Input, Modal } from 'antd';
import { useState } from 'react';
import { useReportI18n } from './text';

/** Returning needs a comment saying what to change (七(三)): asked for before the request goes. */
export function CommentModal({
  title,
  open,
  onCancel,
  onOk,
  pending,
}: {
  title: string;
  open: boolean;
  onCancel(): void;
  onOk(comment: string): void;
  pending: boolean;
}) {
  const { t } = useReportI18n();
  const [comment, setComment] = useState('');
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      onOk={() => onOk(comment)}
      okText={t('report.return')}
      cancelText={t('report.cancel')}
      okButtonProps={{ disabled: comment.trim() === '', loading: pending }}
      destroyOnHidden
    >
      <label htmlFor="return-comment">{t('report.comment')}</label>
      <Input.TextArea
        id="return-comment"
        rows={3}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
    </Modal>
  );
}
