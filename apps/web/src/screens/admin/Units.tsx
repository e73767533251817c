import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { emptyText, Loaded } from '../campaign/States';
import { CommandDialog } from './ReasonForm';

type Unit = Schemas['UnitDto'];
type Action = { kind: 'add' } | { kind: 'rename' | 'retire'; unit: Unit };
interface Values {
  reason: string;
  parentId?: string;
  key?: string;
  name?: string;
  kind?: 'department' | 'management-committee';
}

/** The jurisdiction tree: add a department or management committee, rename a unit, retire one. */
export function Units() {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [search, setSearch] = useState('');
  const [action, setAction] = useState<Action | null>(null);
  const units = useQuery({
    queryKey: ['units', 'all'],
    queryFn: async () => unwrap(await api.GET('/units', { params: { query: { status: 'all' } } })),
  });
  const names = useMemo(() => new Map(units.data?.map((unit) => [unit.id, unit.name])), [units.data]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (units.data ?? []).filter(
      (unit) =>
        !needle ||
        unit.name.toLowerCase().includes(needle) ||
        unit.id.toLowerCase().includes(needle) ||
        unit.code?.includes(needle),
    );
  }, [units.data, search]);
  const parents = (units.data ?? [])
    .filter((unit) => !unit.retired && unit.kind !== 'department')
    .map((unit) => ({ value: unit.id, label: `${unit.name} (${unit.id})` }));

  const command = useMutation({
    mutationFn: async ({ action, values }: { action: Action; values: Values }) => {
      const reason = values.reason;
      if (action.kind === 'add')
        return unwrap(
          await api.POST('/units', {
            body: {
              reason,
              parentId: values.parentId!,
              key: values.key!,
              name: values.name!,
              kind: values.kind!,
            },
          }),
        );
      const path = { path: { unitId: action.unit.id } };
      if (action.kind === 'rename')
        return unwrap(
          await api.PATCH('/units/{unitId}', { params: path, body: { reason, name: values.name! } }),
        );
      return unwrap(await api.POST('/units/{unitId}/retirement', { params: path, body: { reason } }));
    },
    onSuccess: () => {
      setAction(null);
      void queries.invalidateQueries({ queryKey: ['units'] });
    },
  });

  const titles: Record<Action['kind'], string> = {
    add: t('admin.addUnit'),
    rename: t('admin.rename'),
    retire: t('admin.retire'),
  };
  return (
    <Card
      title={t('admin.units')}
      extra={
        <Space wrap>
          <Input.Search
            allowClear
            aria-label={t('admin.searchUnits')}
            placeholder={t('admin.searchUnits')}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 220 }}
          />
          <Button type="primary" onClick={() => setAction({ kind: 'add' })}>
            {t('admin.addUnit')}
          </Button>
        </Space>
      }
    >
      <Loaded query={units}>
        <Table
          data-testid="units"
          size="small"
          rowKey="id"
          dataSource={shown}
          scroll={{ x: true }}
          locale={{ emptyText: emptyText(t('admin.noUnits')) }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('admin.unitName'), dataIndex: 'name' },
            { title: t('admin.unitId'), dataIndex: 'id' },
            { title: t('admin.code'), dataIndex: 'code' },
            {
              title: t('admin.kind'),
              dataIndex: 'kind',
              render: (kind: Unit['kind']) => t(`admin.kind.${kind}`),
            },
            {
              title: t('admin.parent'),
              dataIndex: 'parentId',
              render: (id?: string) => (id ? (names.get(id) ?? id) : '–'),
            },
            {
              title: t('status'),
              dataIndex: 'retired',
              render: (retired: boolean) =>
                retired ? <Tag>{t('admin.retired')}</Tag> : <Tag color="success">{t('admin.live')}</Tag>,
            },
            {
              title: t('admin.actions'),
              key: 'actions',
              render: (_: unknown, unit) =>
                unit.retired || unit.kind === 'province' ? null : (
                  <Space size={0}>
                    <Button type="link" onClick={() => setAction({ kind: 'rename', unit })}>
                      {t('admin.rename')}
                    </Button>
                    <Button type="link" danger onClick={() => setAction({ kind: 'retire', unit })}>
                      {t('admin.retire')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Loaded>
      <CommandDialog<Values>
        title={action ? `${titles[action.kind]}${'unit' in action ? ` · ${action.unit.name}` : ''}` : ''}
        open={action !== null}
        busy={command.isPending}
        error={command.error?.message}
        initialValues={action && 'unit' in action ? { name: action.unit.name } : { kind: 'department' }}
        onCancel={() => {
          setAction(null);
          command.reset();
        }}
        onSubmit={(values) => action && command.mutate({ action, values })}
      >
        {action?.kind === 'add' && (
          <>
            <Form.Item name="parentId" label={t('admin.parent')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={parents} />
            </Form.Item>
            <Form.Item
              name="key"
              label={t('admin.key')}
              extra={t('admin.keyHint')}
              rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{0,39}$/, message: t('admin.keyRule') }]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="kind" label={t('admin.kind')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'department', label: t('admin.kind.department') },
                  { value: 'management-committee', label: t('admin.kind.management-committee') },
                ]}
              />
            </Form.Item>
          </>
        )}
        {(action?.kind === 'add' || action?.kind === 'rename') && (
          <Form.Item name="name" label={t('admin.unitName')} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
        )}
      </CommandDialog>
    </Card>
  );
}
