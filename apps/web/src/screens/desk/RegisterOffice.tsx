import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Switch } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap, type Profile, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { CONSOLE_BASE } from '../../routes';
import { LoadError, Refusal } from './common';
import { DESK_KEYS, useHostCities, useJurisdictions } from './queries';
import { AssetFields, StaffFields } from './RegisterItems';
import { RulePreviewCard } from './RulePreviewCard';

type Registration = Schemas['RegisterOfficeDto'];

/** Register an office of the unit (or one of its departments), seeing the rule of 三 that will apply first. */
export function RegisterOffice({ me }: { me: Profile }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [form] = Form.useForm<Registration>();
  const jurisdictions = useJurisdictions();
  const cities = useHostCities();
  const sponsorUnitId = Form.useWatch('sponsorUnitId', form);
  const hostCityId = Form.useWatch('hostCityId', form);
  const pairedAssistance = Form.useWatch('pairedAssistance', form) ?? false;
  // The unit and what lies below it: a clerk registers only its own offices (the API checks it again).
  const sponsors = useMemo(
    () =>
      (jurisdictions.data ?? []).filter(
        (unit) =>
          unit.sponsorKind !== null &&
          !unit.retired &&
          (unit.id === me.unitId || unit.id.startsWith(`${me.unitId}.`)),
      ),
    [jurisdictions.data, me.unitId],
  );
  const register = useMutation({
    mutationFn: async (body: Registration) => unwrap(await api.POST('/offices', { body })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: DESK_KEYS.offices });
      void message.success(t('desk.registered'));
      await navigate(`${CONSOLE_BASE}/desk`);
    },
  });
  const failed = jurisdictions.error ?? cities.error;
  const required = [{ required: true, message: t('desk.required') }];
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={14}>
        <Card
          title={t('desk.registerTitle')}
          extra={<Link to={`${CONSOLE_BASE}/desk`}>{t('desk.back')}</Link>}
        >
          {failed ? (
            <LoadError
              error={failed}
              onRetry={() => {
                void jurisdictions.refetch();
                void cities.refetch();
              }}
            />
          ) : (
            <Form<Registration>
              form={form}
              layout="vertical"
              disabled={jurisdictions.isPending || cities.isPending}
              initialValues={{
                sponsorUnitId: me.unitId ?? undefined,
                pairedAssistance: false,
                assets: [],
                staff: [],
              }}
              onFinish={(values) =>
                register.mutate({
                  ...values,
                  name: values.name.trim(),
                  assets: values.assets ?? [],
                  staff: values.staff ?? [],
                })
              }
            >
              <Refusal error={register.error} />
              <Form.Item
                name="name"
                label={t('desk.officeName')}
                rules={[{ ...required[0]!, whitespace: true }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="sponsorUnitId" label={t('desk.sponsor')} rules={required}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={jurisdictions.isPending}
                  options={sponsors.map((unit) => ({ value: unit.id, label: unit.name }))}
                />
              </Form.Item>
              <Form.Item name="hostCityId" label={t('desk.hostCity')} rules={required}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={cities.isPending}
                  options={(cities.data ?? []).map((city) => ({ value: city.id, label: city.name }))}
                />
              </Form.Item>
              <Form.Item name="pairedAssistance" label={t('desk.pairedAssistance')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <AssetFields />
              <StaffFields />
              <Space>
                <Button type="primary" htmlType="submit" loading={register.isPending}>
                  {t('desk.submit')}
                </Button>
                <Link to={`${CONSOLE_BASE}/desk`}>
                  <Button htmlType="button">{t('desk.cancel')}</Button>
                </Link>
              </Space>
            </Form>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <RulePreviewCard
          sponsorUnitId={sponsorUnitId}
          hostCityId={hostCityId}
          pairedAssistance={pairedAssistance}
        />
      </Col>
    </Row>
  );
}
