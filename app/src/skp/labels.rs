//! What a reader sees for the SKP's codes, in the reader's language.

use super::types::PlanStatus;
use crate::i18n::tr;

pub fn plan_status_label(status: PlanStatus) -> String {
    match status {
        PlanStatus::Draft => tr!(skp_status_draf),
        PlanStatus::Submitted => tr!(skp_status_diajukan),
        PlanStatus::Approved => tr!(skp_status_disetujui),
        PlanStatus::Returned => tr!(skp_status_dikembalikan),
    }
}
