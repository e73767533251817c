import type { Command } from '../decider';
import type { Tier, TierDecision } from '../tiers';
import type { Asset, AssetDisposal, RetentionCase, Ruling, StaffMember, StaffPlacement } from './vocabulary';

export type RegisterOffice = Command<
  'RegisterOffice',
  {
    officeId: string;
    name: string;
    sponsorUnitId: string;
    hostCityId: string;
    pairedAssistance: boolean;
    assets: Asset[];
    staff: StaffMember[];
  }
>;
/** `approver`: who rules; refused when another approver holds the ruling task. */
export type RuleOnOffice = Command<
  'RuleOnOffice',
  { tier: Tier; ruling: Ruling; reasoning: string; approver?: string }
>;
export type RequestRetention = Command<'RequestRetention', RetentionCase>;
/** `approver`: who decides; refused when another approver holds the task. */
export type DecideRetention = Command<
  'DecideRetention',
  { tier: Tier; decision: TierDecision; comment?: string; approver?: string }
>;
export type ClaimTask = Command<'ClaimTask', { tier: Tier; approver: string }>;
export type ReleaseTask = Command<'ReleaseTask', { tier: Tier; approver: string }>;
export type DelegateTask = Command<'DelegateTask', { tier: Tier; from: string; to: string }>;
export type ResubmitRetention = Command<'ResubmitRetention', RetentionCase>;
export type AbolishOffice = Command<'AbolishOffice', { decisionReference: string; reason?: string }>;
export type RegisterAsset = Command<'RegisterAsset', { asset: Asset }>;
export type RegisterStaffMember = Command<'RegisterStaffMember', { staffMember: StaffMember }>;
export type RecordAssetDisposal = Command<'RecordAssetDisposal', AssetDisposal>;
export type RecordStaffPlacement = Command<'RecordStaffPlacement', StaffPlacement>;
export type CloseOffice = Command<'CloseOffice', Record<string, never>>;
/** Applies the task SLA now configured to the open task (TASK_SLA changed): the due date moves, on record. */
export type ApplyTaskSla = Command<'ApplyTaskSla', { reason: string }>;
/** Records the due dates a log written before they were recorded lacks; `arrivedAt`: when each task opened. */
export type RecordTaskDeadlines = Command<
  'RecordTaskDeadlines',
  { tasks: { taskId: string; arrivedAt: string }[] }
>;

export type OfficeCommand =
  | RegisterOffice
  | RuleOnOffice
  | RequestRetention
  | DecideRetention
  | ClaimTask
  | ReleaseTask
  | DelegateTask
  | ResubmitRetention
  | AbolishOffice
  | RegisterAsset
  | RegisterStaffMember
  | RecordAssetDisposal
  | RecordStaffPlacement
  | CloseOffice
  | ApplyTaskSla
  | RecordTaskDeadlines;
