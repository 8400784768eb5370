//! Named database constraints and what each means for the user. Two requests can
//! race past the same check (two first saves of one plan, two additions of one
//! NIP); the database refuses the second, and this table turns that refusal into
//! the error the check itself would have given: a field error or a conflict,
//! never a 500. The one place that knows constraint names, and so the place
//! where every database error becomes an `AppError`.

use crate::error::AppError;
use crate::i18n::tr;

/// One constraint: its name (PostgreSQL reports it), the columns SQLite names in
/// "UNIQUE constraint failed: …" (SQLite reports no name for UNIQUE), and the answer.
struct Known {
    name: &'static str,
    sqlite_columns: &'static str,
    answer: fn() -> AppError,
}

const KNOWN: &[Known] = &[
    // Two first messages of one thread at once (the insert skips a conflict, so
    // this is a second line of defence).
    Known {
        name: "feedback_threads_subject_key",
        sqlite_columns: "feedback_threads.subject",
        answer: || AppError::invalid("pesan", tr!(feedback_error_retry)),
    },
    Known {
        name: "employees_nip_key",
        sqlite_columns: "employees.nip",
        answer: || AppError::invalid("nip", tr!(error_nip_taken)),
    },
    Known {
        name: "skp_plans_employee_year_key",
        sqlite_columns: "skp_plans.employee_id, skp_plans.year",
        answer: || AppError::Conflict {
            message: tr!(error_conflict_plan_created),
            version: 1,
        },
    },
    Known {
        name: "skp_expectations_key",
        sqlite_columns: "skp_expectations.plan_id, skp_expectations.core_value",
        answer: || AppError::Conflict {
            message: tr!(error_conflict_expectations),
            version: 0,
        },
    },
    Known {
        name: "units_code_key",
        sqlite_columns: "units.code",
        answer: || AppError::invalid("code", tr!(error_unit_code_taken)),
    },
    // Two first saves of one period's report: the second was based on no report.
    Known {
        name: "realisasi_reports_key",
        sqlite_columns: "realisasi_reports.employee_id, realisasi_reports.period_id",
        answer: || AppError::Conflict {
            message: tr!(realisasi_error_conflict),
            version: 1,
        },
    },
    Known {
        name: "realisasi_actions_key",
        sqlite_columns: "realisasi_actions.report_id, realisasi_actions.rhk_id",
        answer: || AppError::Conflict {
            message: tr!(realisasi_error_conflict),
            version: 0,
        },
    },
    Known {
        name: "realisasi_entries_key",
        sqlite_columns:
            "realisasi_entries.report_id, realisasi_entries.rhk_id, realisasi_entries.iki_index",
        answer: || AppError::Conflict {
            message: tr!(realisasi_error_conflict),
            version: 0,
        },
    },
    // Penilaian: every write is an upsert or checks the version first; a race
    // that still reaches a key is a second rater's save or a second keberatan.
    Known {
        name: "unit_results_key",
        sqlite_columns: "unit_results.unit_id, unit_results.year",
        answer: evaluation_saved_first,
    },
    Known {
        name: "evaluations_key",
        sqlite_columns: "evaluations.employee_id, evaluations.period_id",
        answer: evaluation_saved_first,
    },
    Known {
        name: "evaluation_rhk_key",
        sqlite_columns: "evaluation_rhk.evaluation_id, evaluation_rhk.rhk_id",
        answer: evaluation_saved_first,
    },
    Known {
        name: "evaluation_values_key",
        sqlite_columns: "evaluation_values.evaluation_id, evaluation_values.value_code",
        answer: evaluation_saved_first,
    },
    Known {
        name: "evaluation_appeals_pkey",
        sqlite_columns: "evaluation_appeals.evaluation_id",
        answer: || AppError::invalid("status", tr!(penilaian_error_not_appealable)),
    },
    Known {
        name: "periods_year_number_key",
        sqlite_columns: "periods.year, periods.kind, periods.number",
        answer: || AppError::invalid("year", tr!(error_year_opened_elsewhere)),
    },
];

/// Another rater saved the evaluation first (the version is read again).
fn evaluation_saved_first() -> AppError {
    AppError::Conflict {
        message: tr!(penilaian_error_conflict),
        version: 0,
    }
}

/// A named constraint the user can act on becomes its field error or conflict;
/// anything else is internal (logged with the request id, shown as a code).
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        answer(&error).unwrap_or_else(|| AppError::internal("database", error))
    }
}

/// The user's answer to a constraint violation, when it is one we named.
pub fn answer(error: &sqlx::Error) -> Option<AppError> {
    let sqlx::Error::Database(db_error) = error else {
        return None;
    };
    let known = match db_error.constraint() {
        Some(name) => KNOWN.iter().find(|k| k.name == name),
        None => {
            let columns = db_error
                .message()
                .strip_prefix("UNIQUE constraint failed: ")?;
            KNOWN.iter().find(|k| k.sqlite_columns == columns)
        }
    }?;
    Some((known.answer)())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unique_constraint_in_the_migrations_has_an_answer() {
        let mut named = Vec::new();
        for entry in std::fs::read_dir("../migrations/postgres").unwrap() {
            let sql = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in sql
                .lines()
                .filter(|l| l.contains("UNIQUE") || l.contains("PRIMARY KEY ("))
            {
                if let Some(name) = line
                    .split_whitespace()
                    .skip_while(|w| *w != "CONSTRAINT")
                    .nth(1)
                {
                    named.push(name.to_owned());
                }
            }
        }
        assert!(named.contains(&"employees_nip_key".to_owned()), "{named:?}");
        for name in named {
            assert!(
                KNOWN.iter().any(|k| k.name == name),
                "{name} has no answer in platform::constraints"
            );
        }
    }
}
