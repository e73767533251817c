import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { DESK_KEYS } from './queries';

/** The commands a clerk sends about one office. */
export type OfficeCommand =
  | { kind: 'retention-request'; body: Schemas['RetentionRequestDto'] }
  | { kind: 'resubmission'; body: Schemas['RetentionRequestDto'] }
  | { kind: 'abolition'; body: Schemas['AbolitionDto'] }
  | { kind: 'asset-disposal'; body: Schemas['AssetDisposalDto'] }
  | { kind: 'staff-placement'; body: Schemas['StaffPlacementDto'] }
  | { kind: 'closure' };

async function send(officeId: string, version: number, command: OfficeCommand) {
  // The version read is sent back: a command on an office someone else has changed since is refused (409).
  const params = { path: { officeId }, header: { 'If-Match': `"${version}"` } };
  switch (command.kind) {
    case 'retention-request':
      return unwrap(await api.POST('/offices/{officeId}/retention-request', { params, body: command.body }));
    case 'resubmission':
      return unwrap(
        await api.POST('/offices/{officeId}/retention-request/resubmission', { params, body: command.body }),
      );
    case 'abolition':
      return unwrap(await api.POST('/offices/{officeId}/abolition', { params, body: command.body }));
    case 'asset-disposal':
      return unwrap(await api.POST('/offices/{officeId}/asset-disposals', { params, body: command.body }));
    case 'staff-placement':
      return unwrap(await api.POST('/offices/{officeId}/staff-placements', { params, body: command.body }));
    case 'closure':
      return unwrap(await api.POST('/offices/{officeId}/closure', { params, body: {} }));
  }
}

/** Sends a command on the office as last read, then refreshes the office and the unit's list. */
export function useOfficeCommand(officeId: string, version: number, onDone?: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (command: OfficeCommand) => send(officeId, version, command),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: DESK_KEYS.office(officeId) });
      await queries.invalidateQueries({ queryKey: DESK_KEYS.offices });
      void message.success(t('desk.saved'));
      onDone?.();
    },
  });
}
