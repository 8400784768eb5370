//! Import planning (the dry run) and applying (one transaction), against the
//! database as it is now. Planning never writes; applying follows the plan exactly.

use super::csv;
use super::repository as repo;
use super::rows::{employee_records, EmployeeRecord};
use super::types::{
    ChangeKind, ImportError, ImportPreview, ImportResult, RowChange, PREVIEW_LIMIT,
};
use crate::admin::repository::employees::{self, EmployeeFields};
use crate::admin::repository::structure::{self, PositionFields};
use crate::admin::types::IssuedPassword;
use crate::audit::action::AuditAction;
use crate::audit::chain::{self, Change};
use crate::i18n::tr;
use crate::identity::roles::SessionUser;
use crate::organisation::types::JabatanKind;
use crate::platform::db::{now_millis, Conn, Db};
use crate::platform::secrets::{hash_password_blocking, one_time_password, HashStrength};
use serde_json::json;
use std::collections::{HashMap, HashSet};

/// A position the plan refers to: one that exists, or the n-th one it creates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PositionRef {
    Existing(i64),
    New(usize),
}

#[derive(Clone, Debug)]
pub struct NewPosition {
    pub unit_id: i64,
    pub title: String,
    pub kind: JabatanKind,
    pub parent: PositionRef,
}

#[derive(Clone, Debug)]
pub struct PlannedRow {
    pub record: EmployeeRecord,
    /// The employee as stored before the import (for the audit record).
    pub before: Option<serde_json::Value>,
    pub existing_id: Option<i64>,
    pub position: PositionRef,
    pub kind: ChangeKind,
}

/// What applying the file would do, with every problem found.
pub struct ImportPlan {
    pub preview: ImportPreview,
    pub rows: Vec<PlannedRow>,
    pub new_positions: Vec<NewPosition>,
}

/// Active positions by (unit, lower-case title, kind), with their parents.
type PositionIndex = HashMap<(i64, String, String), Vec<(i64, Option<i64>)>>;

struct Snapshot {
    unit_by_code: HashMap<String, i64>,
    units_by_name: HashMap<String, Vec<i64>>,
    employees: HashMap<String, repo::EmployeeRow>,
    positions: PositionIndex,
    position_parent: HashMap<i64, Option<i64>>,
    /// NIPs of the active holders of each position.
    holders: HashMap<i64, Vec<String>>,
}

async fn snapshot(conn: &mut Conn) -> Result<Snapshot, sqlx::Error> {
    let mut unit_by_code = HashMap::new();
    let mut units_by_name: HashMap<String, Vec<i64>> = HashMap::new();
    for unit in repo::active_units(conn).await? {
        unit_by_code.insert(unit.code, unit.id);
        units_by_name
            .entry(unit.name.to_lowercase())
            .or_default()
            .push(unit.id);
    }
    let mut positions = PositionIndex::new();
    let mut position_parent = HashMap::new();
    for p in repo::active_positions(conn).await? {
        position_parent.insert(p.id, p.parent_id);
        positions
            .entry((p.unit_id, p.title.to_lowercase(), p.kind))
            .or_default()
            .push((p.id, p.parent_id));
    }
    let mut employees = HashMap::new();
    let mut holders: HashMap<i64, Vec<String>> = HashMap::new();
    for e in repo::employees_with_nip(conn).await? {
        if let (true, Some(position)) = (e.is_active(), e.position_id) {
            holders.entry(position).or_default().push(e.nip.clone());
        }
        employees.insert(e.nip.clone(), e);
    }
    Ok(Snapshot {
        unit_by_code,
        units_by_name,
        employees,
        positions,
        position_parent,
        holders,
    })
}

/// The dry run: parse, check against the database, and say what would change.
pub async fn plan(db: &Db, bytes: &[u8]) -> Result<ImportPlan, sqlx::Error> {
    let table = match csv::parse(bytes) {
        Ok(table) => table,
        Err(error) => return Ok(refused(0, vec![error])),
    };
    let row_count = table.records.len();
    let (records, mut errors) = employee_records(&table);
    let snap = snapshot(&mut *db.read().await?).await?;
    let in_file: HashMap<String, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.nip.as_str().to_owned(), i))
        .collect();

    // Units and atasan must exist.
    let mut unit_of = vec![0_i64; records.len()];
    for (i, record) in records.iter().enumerate() {
        match resolve_unit(&snap, &record.unit) {
            Ok(id) => unit_of[i] = id,
            Err(message) => errors.push(ImportError::new(record.line, "unit", message)),
        }
        if let Some(atasan) = &record.atasan {
            let known = in_file.contains_key(atasan.as_str())
                || snap
                    .employees
                    .get(atasan.as_str())
                    .is_some_and(|e| e.is_active() && e.position_id.is_some());
            if !known {
                errors.push(ImportError::new(
                    record.line,
                    "nip_atasan",
                    tr!(import_error_supervisor_unknown, { "nip" => atasan }),
                ));
            }
        }
    }
    // Supervision cycles, following the file where it speaks and the database elsewhere.
    let current_atasan = |nip: &str| -> Option<String> {
        let position = snap.employees.get(nip)?.position_id?;
        let parent = (*snap.position_parent.get(&position)?)?;
        snap.holders.get(&parent)?.first().cloned()
    };
    let next_atasan = |nip: &str| -> Option<String> {
        match in_file.get(nip) {
            Some(i) => records[*i]
                .atasan
                .as_ref()
                .map(|a| a.as_str().to_owned())
                .or_else(|| current_atasan(nip)),
            None => current_atasan(nip),
        }
    };
    let mut in_cycle = HashSet::new();
    for record in &records {
        let start = record.nip.as_str().to_owned();
        let mut chain = vec![start.clone()];
        let mut current = start.clone();
        while let Some(next) = next_atasan(&current) {
            if next == start {
                in_cycle.insert(start.clone());
                errors.push(ImportError::new(
                    record.line,
                    "nip_atasan",
                    format!("Siklus atasan: {} → {start}.", chain.join(" → ")),
                ));
                break;
            }
            if chain.contains(&next) || chain.len() > 64 {
                break;
            }
            chain.push(next.clone());
            current = next;
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Ok(refused(row_count, errors));
    }

    // Positions, resolved atasan first (the order terminates: there are no cycles).
    let mut resolved: HashMap<String, PositionRef> = HashMap::new();
    let mut new_positions: Vec<NewPosition> = Vec::new();
    let mut new_index: HashMap<(i64, String, &'static str, PositionRef), usize> = HashMap::new();
    for i in 0..records.len() {
        let mut stack = vec![i];
        while let Some(&j) = stack.last() {
            let record = &records[j];
            if resolved.contains_key(record.nip.as_str()) {
                stack.pop();
                continue;
            }
            let parent = match &record.atasan {
                None => None,
                Some(atasan) => match (in_file.get(atasan.as_str()), resolved.get(atasan.as_str()))
                {
                    (_, Some(found)) => Some(*found),
                    (Some(k), None) => {
                        stack.push(*k);
                        continue;
                    }
                    (None, None) => snap.employees[atasan.as_str()]
                        .position_id
                        .map(PositionRef::Existing),
                },
            };
            let position = match position_for(
                &snap,
                record,
                unit_of[j],
                parent,
                &mut new_positions,
                &mut new_index,
            ) {
                Ok(position) => position,
                Err(message) => {
                    errors.push(ImportError::new(record.line, "nip_atasan", message));
                    PositionRef::Existing(-1)
                }
            };
            resolved.insert(record.nip.as_str().to_owned(), position);
            stack.pop();
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Ok(refused(row_count, errors));
    }

    let mut rows = Vec::with_capacity(records.len());
    let (mut new, mut updated, mut unchanged) = (0, 0, 0);
    let mut changes = Vec::new();
    for record in records {
        let position = resolved[record.nip.as_str()];
        let existing = snap.employees.get(record.nip.as_str());
        let (kind, details) = match existing {
            None => (ChangeKind::New, Vec::new()),
            Some(e) => {
                let details = differences(e, &record, position);
                if details.is_empty() {
                    (ChangeKind::Unchanged, details)
                } else {
                    (ChangeKind::Updated, details)
                }
            }
        };
        match kind {
            ChangeKind::New => new += 1,
            ChangeKind::Updated => updated += 1,
            ChangeKind::Unchanged => unchanged += 1,
        }
        if kind != ChangeKind::Unchanged && changes.len() < PREVIEW_LIMIT {
            changes.push(RowChange {
                line: record.line,
                nip: record.nip.as_str().to_owned(),
                name: record.name.clone(),
                kind,
                details,
            });
        }
        rows.push(PlannedRow {
            before: existing.map(|e| {
                json!({
                    "nip": record.nip.as_str(), "name": e.name, "sex": e.sex, "birth_date": e.birth_date,
                    "status": e.status, "golongan": e.golongan, "position_id": e.position_id, "active": e.is_active(),
                })
            }),
            existing_id: existing.map(|e| e.id),
            record,
            position,
            kind,
        });
    }
    Ok(ImportPlan {
        preview: ImportPreview {
            rows: row_count,
            new,
            updated,
            unchanged,
            new_positions: new_positions.len(),
            errors: Vec::new(),
            error_count: 0,
            changes,
        },
        rows,
        new_positions,
    })
}

fn refused(rows: usize, errors: Vec<ImportError>) -> ImportPlan {
    let error_count = errors.len();
    ImportPlan {
        preview: ImportPreview {
            rows,
            new: 0,
            updated: 0,
            unchanged: 0,
            new_positions: 0,
            errors: errors.into_iter().take(PREVIEW_LIMIT).collect(),
            error_count,
            changes: Vec::new(),
        },
        rows: Vec::new(),
        new_positions: Vec::new(),
    }
}

fn resolve_unit(snap: &Snapshot, unit: &str) -> Result<i64, String> {
    if let Some(id) = snap.unit_by_code.get(unit) {
        return Ok(*id);
    }
    match snap
        .units_by_name
        .get(&unit.to_lowercase())
        .map(Vec::as_slice)
    {
        Some([id]) => Ok(*id),
        Some(_) => Err(tr!(import_error_unit_ambiguous, { "unit" => unit })),
        None => Err(tr!(import_error_unit_unknown, { "unit" => unit })),
    }
}

/// The position a record ends up in: an existing one with the same unit, title,
/// kind and atasan position, else a new one under the atasan's position.
fn position_for(
    snap: &Snapshot,
    record: &EmployeeRecord,
    unit_id: i64,
    parent: Option<PositionRef>,
    new_positions: &mut Vec<NewPosition>,
    new_index: &mut HashMap<(i64, String, &'static str, PositionRef), usize>,
) -> Result<PositionRef, String> {
    let title_key = record.jabatan.to_lowercase();
    let kind = record.jenis.code();
    let candidates = snap
        .positions
        .get(&(unit_id, title_key.clone(), kind.to_owned()))
        .map(Vec::as_slice)
        .unwrap_or_default();
    let Some(parent) = parent else {
        // No atasan given: the current position if it fits, else any match.
        let current = snap
            .employees
            .get(record.nip.as_str())
            .and_then(|e| e.position_id);
        return candidates
            .iter()
            .find(|(id, _)| Some(*id) == current)
            .or_else(|| candidates.first())
            .map(|(id, _)| PositionRef::Existing(*id))
            .ok_or_else(|| tr!(import_error_supervisor_needed));
    };
    if let PositionRef::Existing(parent_id) = parent {
        if let Some((id, _)) = candidates.iter().find(|(_, p)| *p == Some(parent_id)) {
            return Ok(PositionRef::Existing(*id));
        }
    }
    let key = (unit_id, title_key, kind, parent);
    if let Some(index) = new_index.get(&key) {
        return Ok(PositionRef::New(*index));
    }
    new_positions.push(NewPosition {
        unit_id,
        title: record.jabatan.clone(),
        kind: record.jenis,
        parent,
    });
    new_index.insert(key, new_positions.len() - 1);
    Ok(PositionRef::New(new_positions.len() - 1))
}

fn differences(e: &repo::EmployeeRow, r: &EmployeeRecord, position: PositionRef) -> Vec<String> {
    let mut details = Vec::new();
    if e.name != r.name {
        details.push(format!("nama: {} → {}", e.name, r.name));
    }
    if e.sex != r.sex.code() {
        details.push("jenis kelamin".to_owned());
    }
    if e.birth_date != r.birth_date.to_iso() {
        details.push(format!(
            "tanggal lahir: {} → {}",
            e.birth_date,
            r.birth_date.to_iso()
        ));
    }
    if e.status != r.status {
        details.push(format!("status: {} → {}", e.status.code(), r.status.code()));
    }
    if e.golongan != r.golongan {
        details.push(format!(
            "golongan: {} → {}",
            e.golongan.as_deref().unwrap_or("-"),
            r.golongan.as_deref().unwrap_or("-")
        ));
    }
    if PositionRef::Existing(e.position_id.unwrap_or(-1)) != position {
        details.push(format!("jabatan: {}", r.jabatan));
    }
    if !e.is_active() {
        details.push("diaktifkan kembali".to_owned());
    }
    details
}

/// Hashes one-time passwords for the new accounts on all cores.
pub async fn issue_passwords(count: usize) -> Result<Vec<(String, String)>, String> {
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(1);
    let per_worker = count.div_ceil(workers).max(1);
    let mut tasks = Vec::new();
    for start in (0..count).step_by(per_worker) {
        let n = per_worker.min(count - start);
        tasks.push(tokio::task::spawn_blocking(move || {
            (0..n)
                .map(|_| {
                    let password = one_time_password();
                    hash_password_blocking(&password, HashStrength::OneTime)
                        .map(|hash| (password, hash))
                })
                .collect::<Result<Vec<_>, String>>()
        }));
    }
    let mut out = Vec::with_capacity(count);
    for task in tasks {
        out.extend(task.await.map_err(|e| e.to_string())??);
    }
    Ok(out)
}

/// Applies a plan in one transaction; `progress(done, total)` after each step.
pub async fn apply(
    db: &Db,
    actor: &SessionUser,
    plan: ImportPlan,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportResult, String> {
    let started = now_millis();
    let total = plan.rows.len() + plan.new_positions.len();
    let new_count = plan
        .rows
        .iter()
        .filter(|r| r.kind == ChangeKind::New)
        .count();
    let mut passwords = issue_passwords(new_count).await?.into_iter();
    let now = now_millis();
    let mut audit = Vec::new();
    let mut issued = Vec::new();
    let result: Result<(), sqlx::Error> = async {
        let mut tx = db.write().await?;
        let mut created_positions: Vec<i64> = Vec::with_capacity(plan.new_positions.len());
        let position_id = |r: PositionRef, created: &Vec<i64>| match r {
            PositionRef::Existing(id) => id,
            PositionRef::New(i) => created[i],
        };
        for (i, p) in plan.new_positions.iter().enumerate() {
            let parent = position_id(p.parent, &created_positions);
            let fields = PositionFields {
                unit_id: p.unit_id,
                parent_id: parent,
                title: &p.title,
                kind: p.kind,
            };
            let id = structure::insert_position(&mut tx, &fields, now).await?;
            created_positions.push(id);
            audit.push(Change::by(actor, AuditAction::PositionCreated, "position", id, None,
                Some(json!({ "unit_id": p.unit_id, "parent_id": parent, "title": p.title, "kind": p.kind, "source": "import" })))
                .about(&p.title));
            if i % 100 == 0 {
                progress(i + 1, total);
            }
        }
        for (i, row) in plan.rows.iter().enumerate() {
            let r = &row.record;
            let position = position_id(row.position, &created_positions);
            let fields = EmployeeFields {
                nip: r.nip.as_str(),
                name: &r.name,
                sex: r.sex,
                birth_date: r.birth_date,
                status: r.status,
                golongan: r.golongan.as_deref(),
                position_id: position,
            };
            let after = json!({
                "nip": r.nip.as_str(), "name": r.name, "sex": r.sex.code(), "birth_date": r.birth_date.to_iso(),
                "status": r.status.code(), "golongan": r.golongan, "position_id": position, "active": true,
            });
            match (row.kind, row.existing_id) {
                (ChangeKind::New, _) => {
                    let id = employees::insert(&mut tx, &fields, now).await?;
                    let (password, hash) = passwords.next().expect("one password per new employee");
                    crate::identity::service::set_one_time_password(&mut tx, id, hash, now).await?;
                    issued.push(IssuedPassword { employee_id: id, nip: r.nip.as_str().to_owned(), name: r.name.clone(), password });
                    audit.push(Change::by(actor, AuditAction::EmployeeCreated, "employee", id, None, Some(after)).about(&r.name));
                }
                (ChangeKind::Updated, Some(id)) => {
                    employees::replace(&mut tx, id, &fields, now).await?;
                    audit.push(Change::by(actor, AuditAction::EmployeeUpdated, "employee", id, row.before.clone(), Some(after)).about(&r.name));
                }
                _ => {}
            }
            if i % 100 == 0 {
                progress(plan.new_positions.len() + i + 1, total);
            }
        }
        chain::append_many(&mut tx, db.backend(), std::mem::take(&mut audit), now).await?;
        tx.commit().await
    }
    .await;
    result.map_err(|e| e.to_string())?;
    progress(total, total);
    Ok(ImportResult {
        created: new_count,
        updated: plan.preview.updated,
        unchanged: plan.preview.unchanged,
        new_positions: plan.new_positions.len(),
        millis: now_millis() - started,
        issued_passwords: issued,
    })
}
