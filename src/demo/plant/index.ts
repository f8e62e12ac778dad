// Planted misconduct for every clause of RULES.md, and the honest look-alike for every exemption, one
// file per category named like its rule in src/rules/. Written from RULES.md only. Every planted record
// is otherwise clean (covered by a recording, uploaded in time, valid codes…), so that it raises exactly
// the warning it is planted for.
import type { World } from '../world/world.ts';
import type { AccidentGrid } from '../background/accidents.ts';
import { plantBlackspot } from './blackspot.ts';
import { plantPointTrading } from './point-trading.ts';
import { plantCaseShelving } from './case-shelving.ts';
import { plantFavorVoiding } from './favor-voiding.ts';
import { plantLiabilityChange } from './liability-change.ts';
import { plantIrregularBusiness } from './irregular-business.ts';
import { plantBodycamMissing } from './bodycam-missing.ts';
import { plantBodycamDeletion } from './bodycam-deletion.ts';
import { plantBodycamLateUpload } from './bodycam-late-upload.ts';
import { plantDeviceUnapproved } from './device-unapproved.ts';
import { plantDeviceCalibration } from './device-calibration.ts';
import { plantOpinionQuota } from './opinion-quota.ts';
import { plantDeviceComplaints } from './device-complaints.ts';
import { plantDeviceVolume } from './device-volume.ts';
import { plantDuplicatePenalty } from './duplicate-penalty.ts';
import { plantCodeMismatch } from './code-mismatch.ts';

/**
 * Plant every category. The order and the fork labels fix the random streams: changing either changes
 * every file the demo writes. Blackspot sites go first (other accidents keep away from them), and the
 * opinion quota before device complaints (their 意见建议 keep out of the planted unit-quarters).
 */
export function plantAll(w: World, grid: AccidentGrid): void {
  plantBlackspot(w, grid, w.rng.fork(115));
  plantPointTrading(w, w.rng.fork(101));
  plantCaseShelving(w, grid, w.rng.fork(102));
  plantFavorVoiding(w, w.rng.fork(103));
  plantLiabilityChange(w, grid, w.rng.fork(104));
  plantIrregularBusiness(w, w.rng.fork(105));
  plantBodycamMissing(w, grid, w.rng.fork(106));
  plantBodycamDeletion(w, w.rng.fork(107));
  plantBodycamLateUpload(w, w.rng.fork(108));
  plantDeviceUnapproved(w, w.rng.fork(109));
  plantDeviceCalibration(w, w.rng.fork(110));
  plantOpinionQuota(w, w.rng.fork(116));
  plantDeviceComplaints(w, w.rng.fork(111));
  plantDeviceVolume(w, w.rng.fork(112));
  plantDuplicatePenalty(w, w.rng.fork(113));
  plantCodeMismatch(w, w.rng.fork(114));
}
