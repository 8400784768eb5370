//! An audit record told as one sentence in the page's language: "Lukman Fauzi
//! menyetujui SKP 2026 milik Siti Rahma." Every `AuditAction` has its own.

use super::action::AuditAction;
use super::types::AuditEntry;
use crate::i18n::{tr, I18n, Language};

pub fn sentence(language: Language, entry: &AuditEntry) -> String {
    let i18n = I18n { language };
    let actor = match &entry.actor {
        Some(name) => name.clone(),
        None => tr!(i18n, audit_actor_system),
    };
    // A name the record does not have (an old record of something since removed)
    // is at least the record's entity id.
    let subject = entry
        .subject
        .clone()
        .unwrap_or_else(|| format!("#{}", entry.entity_id));
    let year = entry
        .year
        .map_or_else(|| format!("#{}", entry.entity_id), |y| y.to_string());
    let Some(action) = AuditAction::from_code(&entry.action) else {
        return tr!(i18n, audit_did_unknown, {
            "actor" => actor,
            "action" => entry.action,
            "entity" => entry.entity,
            "entity_id" => entry.entity_id,
        });
    };
    use AuditAction as A;
    match action {
        A::AccountPasswordChanged => tr!(i18n, audit_did_password_changed, { "actor" => actor }),
        A::AccountPasswordReset => {
            tr!(i18n, audit_did_password_reset, { "actor" => actor, "subject" => subject })
        }
        A::RoleAdminGranted => {
            tr!(i18n, audit_did_admin_granted, { "actor" => actor, "subject" => subject })
        }
        A::RoleAdminRevoked => {
            tr!(i18n, audit_did_admin_revoked, { "actor" => actor, "subject" => subject })
        }
        A::RoleActingAssigned => tr!(i18n, audit_did_acting_assigned, {
            "actor" => actor,
            "subject" => subject,
            "role" => entry.role.as_deref().unwrap_or("Plt./Plh."),
        }),
        A::RoleActingRevoked => {
            tr!(i18n, audit_did_acting_revoked, { "actor" => actor, "subject" => subject })
        }
        A::UnitCreated => {
            tr!(i18n, audit_did_unit_created, { "actor" => actor, "subject" => subject })
        }
        A::UnitUpdated => {
            tr!(i18n, audit_did_unit_updated, { "actor" => actor, "subject" => subject })
        }
        A::PositionCreated => {
            tr!(i18n, audit_did_position_created, { "actor" => actor, "subject" => subject })
        }
        A::PositionUpdated => {
            tr!(i18n, audit_did_position_updated, { "actor" => actor, "subject" => subject })
        }
        A::EmployeeCreated => {
            tr!(i18n, audit_did_employee_created, { "actor" => actor, "subject" => subject })
        }
        A::EmployeeUpdated => {
            tr!(i18n, audit_did_employee_updated, { "actor" => actor, "subject" => subject })
        }
        A::YearOpened => tr!(i18n, audit_did_year_opened, { "actor" => actor, "year" => year }),
        A::PeriodClosed => {
            tr!(i18n, audit_did_period_closed, { "actor" => actor, "subject" => subject })
        }
        A::PeriodReopened => {
            tr!(i18n, audit_did_period_reopened, { "actor" => actor, "subject" => subject })
        }
        A::SkpCreated => tr!(i18n, audit_did_skp_created, { "actor" => actor, "year" => year }),
        A::SkpSaved => tr!(i18n, audit_did_skp_saved, { "actor" => actor, "year" => year }),
        A::SkpSubmitted => tr!(i18n, audit_did_skp_submitted, { "actor" => actor, "year" => year }),
        A::SkpWithdrawn => tr!(i18n, audit_did_skp_withdrawn, { "actor" => actor, "year" => year }),
        A::SkpApproved => tr!(i18n, audit_did_skp_approved, {
            "actor" => actor, "year" => year, "subject" => subject,
        }),
        A::SkpReturned => tr!(i18n, audit_did_skp_returned, {
            "actor" => actor, "year" => year, "subject" => subject,
        }),
        A::SkpRevisionRequested => {
            tr!(i18n, audit_did_skp_revision_requested, { "actor" => actor, "year" => year })
        }
        A::SkpRevisionGranted => tr!(i18n, audit_did_skp_revision_granted, {
            "actor" => actor, "year" => year, "subject" => subject,
        }),
        A::SkpRevisionRefused => tr!(i18n, audit_did_skp_revision_refused, {
            "actor" => actor, "year" => year, "subject" => subject,
        }),
        A::SkpExpectationsSaved => tr!(i18n, audit_did_skp_expectations_saved, {
            "actor" => actor, "year" => year, "subject" => subject,
        }),
        A::RealisasiSaved => {
            tr!(i18n, audit_did_realisasi_saved, { "actor" => actor, "subject" => subject })
        }
        A::RealisasiFiled => {
            tr!(i18n, audit_did_realisasi_filed, { "actor" => actor, "subject" => subject })
        }
        A::EvidenceAdded => {
            tr!(i18n, audit_did_evidence_added, { "actor" => actor, "subject" => subject })
        }
        A::EvidenceRemoved => {
            tr!(i18n, audit_did_evidence_removed, { "actor" => actor, "subject" => subject })
        }
        A::EvaluationFinalised => {
            tr!(i18n, audit_did_evaluation_finalised, { "actor" => actor, "subject" => subject })
        }
        A::EvaluationAcknowledged => {
            tr!(i18n, audit_did_evaluation_acknowledged, { "actor" => actor, "subject" => subject })
        }
        A::EvaluationAppealed => {
            tr!(i18n, audit_did_evaluation_appealed, { "actor" => actor, "subject" => subject })
        }
        A::EvaluationDecided => {
            tr!(i18n, audit_did_evaluation_decided, { "actor" => actor, "subject" => subject })
        }
        A::UnitResultSet => {
            tr!(i18n, audit_did_unit_result_set, { "actor" => actor, "subject" => subject })
        }
        A::FeedbackEdited => {
            tr!(i18n, audit_did_feedback_edited, { "actor" => actor, "subject" => subject })
        }
        A::FeedbackHidden => {
            tr!(i18n, audit_did_feedback_hidden, { "actor" => actor, "subject" => subject })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn entry(action: &str) -> AuditEntry {
        AuditEntry {
            id: 7,
            at: 0,
            actor: Some("Lukman Fauzi".into()),
            action: action.into(),
            entity: "skp_plan".into(),
            entity_id: "12".into(),
            subject: Some("Siti Rahma".into()),
            year: Some(2026),
            role: Some("Plt. Kepala Dinas Pendidikan".into()),
            before: None,
            after: None,
        }
    }

    #[test]
    fn a_supervisors_approval_reads_as_the_issue_asks() {
        let approved = entry(AuditAction::SkpApproved.code());
        assert_eq!(
            sentence(Language::Id, &approved),
            "Lukman Fauzi menyetujui SKP 2026 milik Siti Rahma."
        );
        assert_eq!(
            sentence(Language::En, &approved),
            "Lukman Fauzi approved Siti Rahma's 2026 SKP."
        );
    }

    #[test]
    fn every_action_has_a_sentence_of_its_own() {
        for language in Language::ALL {
            let mut seen = BTreeSet::new();
            for action in AuditAction::ALL {
                let text = sentence(language, &entry(action.code()));
                assert!(text.starts_with("Lukman Fauzi "), "{text}");
                assert!(text.ends_with('.'), "{text}");
                assert!(
                    !text.contains(action.code()),
                    "{action:?} falls back: {text}"
                );
                assert!(!text.contains("{ $"), "a placeholder left: {text}");
                assert!(!text.contains('#'), "a name is missing: {text}");
                assert!(
                    seen.insert(text.clone()),
                    "{action:?} says the same as another: {text}"
                );
            }
        }
    }

    #[test]
    fn the_sentence_names_what_the_action_is_about() {
        let appointed = sentence(Language::Id, &entry(AuditAction::RoleActingAssigned.code()));
        assert_eq!(
            appointed,
            "Lukman Fauzi menunjuk Siti Rahma sebagai Plt. Kepala Dinas Pendidikan."
        );
        let opened = sentence(Language::En, &entry(AuditAction::YearOpened.code()));
        assert_eq!(opened, "Lukman Fauzi opened the performance year 2026.");
    }

    #[test]
    fn an_unknown_action_still_reads_as_a_sentence_with_its_code() {
        let text = sentence(Language::Id, &entry("skp.archived"));
        assert_eq!(
            text,
            "Lukman Fauzi mencatat perubahan skp.archived pada skp_plan 12."
        );
        let text = sentence(Language::En, &entry("skp.archived"));
        assert_eq!(
            text,
            "Lukman Fauzi recorded the change skp.archived on skp_plan 12."
        );
    }

    #[test]
    fn missing_names_fall_back_to_the_command_line_and_the_entity_id() {
        let record = AuditEntry {
            actor: None,
            subject: None,
            ..entry(AuditAction::RoleAdminGranted.code())
        };
        assert_eq!(
            sentence(Language::Id, &record),
            "Sistem (baris perintah) memberikan hak admin BKPSDM kepada #12."
        );
        assert_eq!(
            sentence(Language::En, &record),
            "The system (command line) granted admin BKPSDM rights to #12."
        );
    }
}
