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
export type RuleOnOffice = Command<'RuleOnOffice', { tier: Tier; ruling: Ruling; reasoning: string }>;
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
  | CloseOffice;
