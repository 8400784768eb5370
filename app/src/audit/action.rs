//! Every kind of change the audit trail records, named once: the writers append
//! these and the page turns each into its own sentence (`sentence`).

crate::coded_enum!(
    /// What an audit record says happened; the code is stored in `audit_log.action`
    /// (and, for a plan's steps, is the kind of the notification they send).
    AuditAction {
        AccountPasswordChanged => "account.password_changed",
        AccountPasswordReset => "account.password_reset",
        RoleAdminGranted => "role.admin_granted",
        RoleAdminRevoked => "role.admin_revoked",
        RoleActingAssigned => "role.acting_assigned",
        RoleActingRevoked => "role.acting_revoked",
        UnitCreated => "unit.created",
        UnitUpdated => "unit.updated",
        PositionCreated => "position.created",
        PositionUpdated => "position.updated",
        EmployeeCreated => "employee.created",
        EmployeeUpdated => "employee.updated",
        YearOpened => "year.opened",
        PeriodClosed => "period.closed",
        PeriodReopened => "period.reopened",
        SkpCreated => "skp.created",
        SkpSaved => "skp.saved",
        SkpSubmitted => "skp.submitted",
        SkpWithdrawn => "skp.withdrawn",
        SkpApproved => "skp.approved",
        SkpReturned => "skp.returned",
        SkpRevisionRequested => "skp.revision_requested",
        SkpRevisionGranted => "skp.revision_granted",
        SkpRevisionRefused => "skp.revision_refused",
        SkpExpectationsSaved => "skp.expectations_saved",
        RealisasiSaved => "realisasi.saved",
        RealisasiFiled => "realisasi.filed",
        EvidenceAdded => "evidence.added",
        EvidenceRemoved => "evidence.removed",
        EvaluationFinalised => "evaluation.finalised",
        EvaluationAcknowledged => "evaluation.acknowledged",
        EvaluationAppealed => "evaluation.appealed",
        EvaluationDecided => "evaluation.decided",
        UnitResultSet => "unit_result.set",
        FeedbackEdited => "feedback.edited",
        FeedbackHidden => "feedback.hidden",
    }
);

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn each_action_has_its_own_code_and_reads_back_from_it() {
        for (i, action) in AuditAction::ALL.iter().enumerate() {
            assert_eq!(AuditAction::from_code(action.code()), Some(*action));
            assert!(AuditAction::ALL[..i]
                .iter()
                .all(|a| a.code() != action.code()));
        }
        assert_eq!(AuditAction::from_code("skp.archived"), None);
    }
}
