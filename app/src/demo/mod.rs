//! The demo data: a whole kabupaten (units, positions, employees, demo accounts)
//! and SKP plans in every state, loaded once, in one transaction, with progress.

pub mod catalogue;
pub mod dataset;
pub mod feedback;
pub mod penilaian;
pub mod random;
pub mod realisasi;
pub mod skp_plans;

use crate::platform::db::{now_millis, Backend, Db};
pub use dataset::{DemoAccount, DemoRole, SeedPlan, DEFAULT_EMPLOYEES, DEFAULT_SEED};
use sqlx::any::AnyArguments;
use sqlx::error::BoxDynError;
use sqlx::Arguments;

/// The password every demo account starts with; printed by the run command.
pub const DEMO_PASSWORD: &str = "Kepahiang-Demo-2026";

/// Rows per multi-row INSERT: well under SQLite's and PostgreSQL's parameter limits.
const BATCH_ROWS: usize = 400;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedOptions {
    pub seed: u64,
    pub employees: usize,
    /// Wipe an earlier load first; without it a second load is refused.
    pub force: bool,
}

impl Default for SeedOptions {
    fn default() -> Self {
        Self {
            seed: DEFAULT_SEED,
            employees: DEFAULT_EMPLOYEES,
            force: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("Basis data sudah berisi data ({0} pegawai). Data demo tidak dimuat dua kali; tambahkan --force untuk menghapus semua data organisasi dan memuat ulang.")]
    AlreadySeeded(i64),
    #[error(transparent)]
    TooFew(#[from] dataset::TooFewEmployees),
    #[error("Gagal menulis data demo ke basis data: {0}")]
    Database(#[from] sqlx::Error),
    #[error("Gagal membuat hash kata sandi demo: {0}")]
    Password(String),
}

/// A demo account as printed for people to log in with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub role: DemoRole,
    pub nip: String,
    pub name: String,
    pub position: String,
}

/// Employees already in the database (0 on a fresh one).
pub async fn employee_count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM employees")
        .fetch_one(db.pool())
        .await
}

/// The demo accounts' employee ids by role.
pub async fn demo_account_ids(
    db: &Db,
) -> Result<std::collections::HashMap<DemoRole, i64>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        role: DemoRole,
        employee_id: i64,
    }
    let rows: Vec<Row> = sqlx::query_as("SELECT role, employee_id FROM demo_accounts")
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().map(|r| (r.role, r.employee_id)).collect())
}

/// Generates and writes the dataset; `progress` is called after every batch.
pub async fn seed(
    db: &Db,
    options: SeedOptions,
    mut progress: impl FnMut(Progress),
) -> Result<SeedPlan, SeedError> {
    let existing = employee_count(db).await?;
    if existing > 0 && !options.force {
        return Err(SeedError::AlreadySeeded(existing));
    }
    let started_at = now_millis();
    let plan = dataset::plan(options.seed, options.employees)?;
    let password_hash = hash_password(DEMO_PASSWORD).await?;

    let mut tx = db.write().await?;
    if existing > 0 || options.force {
        for table in [
            "evaluation_appeals",
            "evaluation_values",
            "evaluation_rhk",
            "evaluations",
            "unit_results",
            "notifications",
            "evidence",
            "evidence_objects",
            "realisasi_entries",
            "realisasi_actions",
            "realisasi_reports",
            "skp_plan_versions",
            "skp_expectations",
            "skp_iki",
            "skp_rhk",
            "skp_plans",
            "periods",
            "performance_years",
            "sessions",
            "login_failures",
            "admin_grants",
            "acting_assignments",
            "import_jobs",
            "audit_log",
            "demo_accounts",
            "accounts",
            "employees",
            "positions",
            "units",
            "seed_runs",
        ] {
            sqlx::query(&format!("DELETE FROM {table}"))
                .execute(&mut *tx)
                .await?;
        }
    }
    let now = now_millis();
    insert_batched(
        &mut tx,
        "units",
        Some(now),
        &["id", "parent_id", "code", "name", "kind", "illustrative"],
        &plan.units,
        |u, args| {
            args.add(u.id)?;
            args.add(u.parent_id)?;
            args.add(u.code.clone())?;
            args.add(u.name.clone())?;
            args.add(u.kind.code())?;
            args.add(u.illustrative as i64)?;
            Ok(())
        },
        &mut progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "positions",
        Some(now),
        &["id", "unit_id", "parent_id", "title", "kind"],
        &plan.positions,
        |p, args| {
            args.add(p.id)?;
            args.add(p.unit_id)?;
            args.add(p.parent_id)?;
            args.add(p.title.clone())?;
            args.add(p.kind.code())?;
            Ok(())
        },
        &mut progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "employees",
        Some(now),
        &[
            "id",
            "nip",
            "name",
            "sex",
            "birth_date",
            "status",
            "golongan",
            "position_id",
        ],
        &plan.employees,
        |e, args| {
            args.add(e.id)?;
            args.add(e.nip.as_ref().map(|n| n.as_str().to_owned()))?;
            args.add(e.name.clone())?;
            args.add(e.sex.code())?;
            args.add(e.birth_date.to_iso())?;
            args.add(e.status.code())?;
            args.add(e.golongan.clone())?;
            args.add(e.position_id)?;
            Ok(())
        },
        &mut progress,
    )
    .await?;
    insert_batched(
        &mut tx,
        "accounts",
        Some(now),
        &["employee_id", "password_hash", "must_change_password"],
        &plan.demo_accounts,
        |a, args| {
            args.add(a.employee_id)?;
            args.add(password_hash.clone())?;
            args.add(0_i64)?;
            Ok(())
        },
        &mut progress,
    )
    .await?;
    let ordered: Vec<(usize, &DemoAccount)> = plan.demo_accounts.iter().enumerate().collect();
    insert_batched(
        &mut tx,
        "demo_accounts",
        None,
        &["employee_id", "role", "sort_order"],
        &ordered,
        |(order, a), args| {
            args.add(a.employee_id)?;
            args.add(a.role.code())?;
            args.add(*order as i64)?;
            Ok(())
        },
        &mut progress,
    )
    .await?;

    // The demo admin is granted the role the way an admin would grant it.
    for account in plan
        .demo_accounts
        .iter()
        .filter(|a| a.role == DemoRole::AdminBkpsdm)
    {
        sqlx::query(
            "INSERT INTO admin_grants (employee_id, granted_by, granted_at) VALUES ($1, NULL, $2)",
        )
        .bind(account.employee_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    move_id_sequences(&mut tx, db.backend(), &["units", "positions", "employees"]).await?;
    sqlx::query(
        "INSERT INTO seed_runs (seed, employees, started_at, finished_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(options.seed as i64)
    .bind(options.employees as i64)
    .bind(started_at)
    .bind(now_millis())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(plan)
}

pub(crate) async fn insert_batched<T>(
    tx: &mut crate::platform::db::WriteTx,
    table: &'static str,
    // `Some(now)` fills created_at and updated_at after the given columns.
    stamp: Option<i64>,
    columns: &[&str],
    rows: &[T],
    bind: impl Fn(&T, &mut AnyArguments<'_>) -> Result<(), BoxDynError>,
    progress: &mut impl FnMut(Progress),
) -> Result<(), sqlx::Error> {
    let mut columns = columns.to_vec();
    if stamp.is_some() {
        columns.extend(["created_at", "updated_at"]);
    }
    for (index, chunk) in rows.chunks(BATCH_ROWS).enumerate() {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut args = AnyArguments::default();
        for (row_index, row) in chunk.iter().enumerate() {
            let first = row_index * columns.len();
            let placeholders: Vec<String> = (1..=columns.len())
                .map(|c| format!("${}", first + c))
                .collect();
            if row_index > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            sql.push_str(&placeholders.join(", "));
            sql.push(')');
            bind(row, &mut args).map_err(sqlx::Error::Encode)?;
            if let Some(now) = stamp {
                args.add(now).map_err(sqlx::Error::Encode)?;
                args.add(now).map_err(sqlx::Error::Encode)?;
            }
        }
        sqlx::query_with(&sql, args).execute(&mut **tx).await?;
        progress(Progress {
            stage: table,
            done: (index * BATCH_ROWS + chunk.len()).min(rows.len()),
            total: rows.len(),
        });
    }
    Ok(())
}

async fn hash_password(password: &str) -> Result<String, SeedError> {
    crate::platform::secrets::hash_password(
        password,
        crate::platform::secrets::HashStrength::Chosen,
    )
    .await
    .map_err(SeedError::Password)
}

/// The demo accounts present in the database, for the run command to print.
pub async fn demo_logins(db: &Db) -> Result<Vec<DemoLogin>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        role: DemoRole,
        nip: Option<String>,
        name: String,
        position: String,
    }
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT d.role, e.nip, e.name, p.title AS position FROM demo_accounts d \
         JOIN employees e ON e.id = d.employee_id \
         JOIN positions p ON p.id = e.position_id \
         ORDER BY d.sort_order",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| DemoLogin {
            role: row.role,
            nip: row.nip.unwrap_or_default(),
            name: row.name,
            position: row.position,
        })
        .collect())
}

/// The id the next row of `table` gets when the demo writes ids itself.
async fn next_id(db: &Db, table: &str) -> Result<i64, sqlx::Error> {
    let max: Option<i64> = sqlx::query_scalar(&format!("SELECT MAX(id) FROM {table}"))
        .fetch_one(db.pool())
        .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// Rows were written with explicit ids: on PostgreSQL, moves each table's identity
/// sequence past them (an empty table keeps its sequence).
async fn move_id_sequences(
    conn: &mut crate::platform::db::Conn,
    backend: Backend,
    tables: &[&str],
) -> Result<(), sqlx::Error> {
    if backend != Backend::Postgres {
        return Ok(());
    }
    for table in tables {
        sqlx::query(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table} \
             HAVING MAX(id) IS NOT NULL"
        ))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
