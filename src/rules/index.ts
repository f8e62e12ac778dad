// The sixteen rules, in the contract's category order.
import type { Rule } from './types.ts';
import { rule as pointTrading } from './point-trading.ts';
import { rule as caseShelving } from './case-shelving.ts';
import { rule as favorVoiding } from './favor-voiding.ts';
import { rule as liabilityChange } from './liability-change.ts';
import { rule as irregularBusiness } from './irregular-business.ts';
import { rule as bodycamMissing } from './bodycam-missing.ts';
import { rule as bodycamDeletion } from './bodycam-deletion.ts';
import { rule as bodycamLateUpload } from './bodycam-late-upload.ts';
import { rule as deviceUnapproved } from './device-unapproved.ts';
import { rule as deviceCalibration } from './device-calibration.ts';
import { rule as deviceComplaints } from './device-complaints.ts';
import { rule as deviceVolume } from './device-volume.ts';
import { rule as duplicatePenalty } from './duplicate-penalty.ts';
import { rule as codeMismatch } from './code-mismatch.ts';
import { rule as blackspot } from './blackspot.ts';
import { rule as opinionQuota } from './opinion-quota.ts';

export const RULES: readonly Rule[] = [
  pointTrading, caseShelving, favorVoiding, liabilityChange, irregularBusiness, bodycamMissing, bodycamDeletion,
  bodycamLateUpload, deviceUnapproved, deviceCalibration, deviceComplaints, deviceVolume, duplicatePenalty,
  codeMismatch, blackspot, opinionQuota,
];
