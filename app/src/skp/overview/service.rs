//! Builds the Matriks Peran Hasil and the cascade tree from the stored plans.

use super::types::{
    CascadeNode, CascadeView, MatrixRow, MatrixView, PlanCountsPerUnit, StatusCounts, UnitProgress,
};
use crate::error::AppError;
use crate::identity::roles::{placeholders, reach, SessionUser};
use crate::identity::types::Reach;
use crate::platform::db::Db;
use crate::platform::state::AppState;
use sqlx::Row;
use std::collections::HashMap;

/// Most RHK one cascade page shows; the kabupaten view also stops at `KABUPATEN_DEPTH`.
pub const MAX_CASCADE_NODES: usize = 2_500;
pub const KABUPATEN_DEPTH: usize = 3;

/// The Matriks Peran Hasil of `employee_id` (the caller when `None`).
pub async fn matrix(
    db: &Db,
    user: &SessionUser,
    employee_id: Option<i64>,
    year: i64,
) -> Result<MatrixView, AppError> {
    let employee_id = employee_id.unwrap_or(user.employee_id());
    let Some(reach) = reach(&mut *db.read().await?, user, employee_id).await? else {
        return Err(AppError::Forbidden);
    };
    // One's own matrix includes positions held as PLT/PLH today.
    let positions: Vec<i64> = if reach == Reach::Own {
        user.supervising_positions.clone()
    } else {
        sqlx::query("SELECT position_id FROM employees WHERE id = $1 AND position_id IS NOT NULL")
            .bind(employee_id)
            .fetch_all(db.pool())
            .await?
            .iter()
            .map(|r| r.try_get(0))
            .collect::<Result<_, _>>()?
    };
    let head = sqlx::query(
        "SELECT e.name, s.status FROM employees e LEFT JOIN skp_plans s ON s.employee_id = e.id AND s.year = $2 WHERE e.id = $1",
    )
    .bind(employee_id)
    .bind(year)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    let own_rhk = sqlx::query(
        "SELECT r.id, r.kind, r.text FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id \
         WHERE s.employee_id = $1 AND s.year = $2 ORDER BY r.sort_order",
    )
    .bind(employee_id)
    .bind(year)
    .fetch_all(db.pool())
    .await?;
    let columns = crate::skp::plan::holders::direct_reports(
        &mut *db.read().await?,
        &positions,
        employee_id,
        year,
    )
    .await?;
    let mut rows: Vec<MatrixRow> = own_rhk
        .iter()
        .map(|r| {
            Ok(MatrixRow {
                rhk_id: r.try_get(0)?,
                kind: r.try_get(1)?,
                text: r.try_get(2)?,
                cells: vec![Vec::new(); columns.len()],
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    if !rows.is_empty() && !columns.is_empty() {
        let column_of: HashMap<i64, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.employee_id, i))
            .collect();
        let row_of: HashMap<i64, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.rhk_id, i))
            .collect();
        let sql = format!(
            "SELECT r.parent_rhk_id, s.employee_id, r.text FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id \
             WHERE r.parent_rhk_id IN ({}) ORDER BY r.sort_order",
            placeholders(1, rows.len())
        );
        let mut query = sqlx::query(&sql);
        for row in &rows {
            query = query.bind(row.rhk_id);
        }
        for link in query.fetch_all(db.pool()).await? {
            let (parent, owner): (i64, i64) = (link.try_get(0)?, link.try_get(1)?);
            if let (Some(&r), Some(&c)) = (row_of.get(&parent), column_of.get(&owner)) {
                rows[r].cells[c].push(link.try_get(2)?);
            }
        }
    }
    Ok(MatrixView {
        year,
        employee_id,
        name: head.try_get(0)?,
        plan_status: head.try_get(1)?,
        rows,
        columns,
    })
}

struct UnitRow {
    id: i64,
    parent: Option<i64>,
    name: String,
}

/// The cascade of a unit (with its sub-units) or of the whole kabupaten.
/// The kabupaten cascade is one figure for everyone who may see it: kept between
/// requests (`platform::aggregates`); a unit's view is read when asked, with the
/// kept plan counts per unit.
pub async fn cascade(
    state: &AppState,
    year: i64,
    unit_id: Option<i64>,
) -> Result<CascadeView, AppError> {
    if !kept_year(year) {
        let counts = plan_counts_per_unit(&state.db, year).await?;
        return read_cascade(&state.db, year, unit_id, &counts).await;
    }
    match unit_id {
        None => {
            let kept = state.clone();
            let view = state
                .aggregates
                .kabupaten_cascade
                .get(year, move || async move {
                    // Built from the count as of now (which the unit views then
                    // share), never from an older one.
                    let db = kept.db.clone();
                    let counts = kept
                        .aggregates
                        .plan_counts
                        .get_fresh(year, move || async move {
                            plan_counts_per_unit(&db, year).await
                        })
                        .await?;
                    read_cascade(&kept.db, year, None, &counts).await
                })
                .await?;
            Ok((*view).clone())
        }
        Some(unit) => {
            let db = state.db.clone();
            let counts = state.aggregates.plan_counts.get(year, move || async move {
                plan_counts_per_unit(&db, year).await
            });
            read_cascade(&state.db, year, Some(unit), &*counts.await?).await
        }
    }
}

/// The years whose figures are kept: this one and the few around it. Any year can
/// be asked for, and keeping each would let memory grow without bound.
fn kept_year(year: i64) -> bool {
    let now = this_year();
    (now - 5..=now + 1).contains(&year)
}

/// The current year in Kepahiang's time zone (WIB).
pub fn this_year() -> i64 {
    i64::from(crate::calendar::CivilDate::wib_from_millis(crate::platform::db::now_millis()).year())
}

async fn read_cascade(
    db: &Db,
    year: i64,
    unit_id: Option<i64>,
    per_unit: &PlanCountsPerUnit,
) -> Result<CascadeView, AppError> {
    let units: Vec<UnitRow> =
        sqlx::query("SELECT id, parent_id, name FROM units WHERE active = 1 ORDER BY name")
            .fetch_all(db.pool())
            .await?
            .iter()
            .map(|r| {
                Ok(UnitRow {
                    id: r.try_get(0)?,
                    parent: r.try_get(1)?,
                    name: r.try_get(2)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?;
    // Thousands of units at kabupaten scale: index the children once.
    let mut child_index: HashMap<Option<i64>, Vec<&UnitRow>> = HashMap::new();
    for u in &units {
        child_index.entry(u.parent).or_default().push(u);
    }
    let children_of = |id: Option<i64>| child_index.get(&id).into_iter().flatten().copied();
    let unit = match unit_id {
        Some(id) => Some(
            units
                .iter()
                .find(|u| u.id == id)
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    // The kabupaten view lists the units under the top unit (the pemda).
    let listed: Vec<&UnitRow> = match unit {
        Some(u) => children_of(Some(u.id)).collect(),
        None => children_of(None)
            .flat_map(|top| children_of(Some(top.id)))
            .collect(),
    };
    let subtree = |root: i64| {
        let mut ids = vec![root];
        let mut i = 0;
        while i < ids.len() {
            let parent = ids[i];
            ids.extend(children_of(Some(parent)).map(|u| u.id));
            i += 1;
        }
        ids
    };
    let scope: Option<Vec<i64>> = unit.map(|u| subtree(u.id));
    // The RHK tree and the pending plans are independent reads: on separate pooled
    // connections at once, the page waits for the slower instead of their sum.
    let ((roots, hidden_rhk), pending) =
        futures::try_join!(rhk_tree(db, year, scope.as_deref()), async {
            match &scope {
                Some(ids) => Ok(crate::skp::plan::holders::pending_in_units(
                    &mut *db.read().await?,
                    ids,
                    year,
                )
                .await?),
                None => Ok(Vec::new()),
            }
        },)?;
    let sum = |ids: &[i64]| {
        let mut total = StatusCounts::default();
        for id in ids {
            if let Some(c) = per_unit.get(id) {
                total.merge(c);
            }
        }
        total
    };
    let total = match &scope {
        Some(ids) => sum(ids),
        None => sum(&units.iter().map(|u| u.id).collect::<Vec<_>>()),
    };
    let unit_rows = listed
        .iter()
        .map(|u| UnitProgress {
            unit_id: u.id,
            name: u.name.clone(),
            counts: sum(&subtree(u.id)),
        })
        .collect();
    let parent_unit = unit
        .and_then(|u| u.parent)
        .and_then(|p| units.iter().find(|x| x.id == p))
        .map(|p| (p.id, p.name.clone()));
    Ok(CascadeView {
        year,
        unit: unit.map(|u| (u.id, u.name.clone())),
        parent_unit,
        total,
        units: unit_rows,
        roots,
        hidden_rhk,
        pending,
    })
}

/// Active employees per unit by the state of their plan for `year`.
async fn plan_counts_per_unit(db: &Db, year: i64) -> Result<PlanCountsPerUnit, AppError> {
    let mut per_unit: HashMap<i64, StatusCounts> = HashMap::new();
    for r in sqlx::query(
        "SELECT p.unit_id, s.status, COUNT(*) FROM employees e JOIN positions p ON p.id = e.position_id \
         LEFT JOIN skp_plans s ON s.employee_id = e.id AND s.year = $1 WHERE e.active = 1 GROUP BY p.unit_id, s.status",
    )
    .bind(year)
    .fetch_all(db.pool())
    .await?
    {
        let status: Option<String> = r.try_get(1)?;
        per_unit
            .entry(r.try_get(0)?)
            .or_default()
            .add(status.as_deref(), r.try_get(2)?);
    }
    Ok(per_unit)
}

/// One RHK chosen for the page, with the chosen RHK that support it.
struct Pick {
    id: i64,
    children: Vec<Pick>,
}

/// The RHK of the year as a forest: roots support nothing inside the scope.
///
/// The shape (ids and links) of the RHK the page can reach is read first to choose
/// what it shows; only the chosen RHK (at most `MAX_CASCADE_NODES`) are then read
/// with their text and owner.
async fn rhk_tree(
    db: &Db,
    year: i64,
    scope: Option<&[i64]>,
) -> Result<(Vec<CascadeNode>, usize), AppError> {
    let (shape, total) = match scope {
        Some(ids) => {
            let shape = scoped_shape(db, year, ids).await?;
            let total = shape.len();
            (shape, total)
        }
        None => kabupaten_shape(db, year).await?,
    };
    let present: std::collections::HashSet<i64> = shape.iter().map(|(id, _)| *id).collect();
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut roots = Vec::new();
    for &(id, parent) in &shape {
        match parent.filter(|p| present.contains(p)) {
            Some(p) => children.entry(p).or_default().push(id),
            None => roots.push(id),
        }
    }
    let depth_limit = if scope.is_some() {
        usize::MAX
    } else {
        KABUPATEN_DEPTH
    };
    let mut chosen = Vec::new();
    fn pick(
        id: i64,
        depth: usize,
        children: &HashMap<i64, Vec<i64>>,
        limit: usize,
        chosen: &mut Vec<i64>,
    ) -> Pick {
        chosen.push(id);
        let mut node = Pick {
            id,
            children: Vec::new(),
        };
        if depth < limit {
            for &c in children.get(&id).into_iter().flatten() {
                if chosen.len() >= MAX_CASCADE_NODES {
                    break;
                }
                node.children
                    .push(pick(c, depth + 1, children, limit, chosen));
            }
        }
        node
    }
    // Roots that others support come first: the cascade itself. Roots that support
    // nothing and that nobody supports (e.g. a lone draft) follow while room is left.
    roots.sort_by_key(|id| !children.contains_key(id));
    let mut forest = Vec::new();
    for &id in &roots {
        if chosen.len() >= MAX_CASCADE_NODES {
            break;
        }
        forest.push(pick(id, 1, &children, depth_limit, &mut chosen));
    }
    let hidden = total.saturating_sub(chosen.len());
    drop((shape, present, children));

    let mut details = rhk_details(db, &chosen).await?;
    fn assemble(pick: Pick, details: &mut HashMap<i64, CascadeNode>) -> Option<CascadeNode> {
        let mut node = details.remove(&pick.id)?;
        node.children = pick
            .children
            .into_iter()
            .filter_map(|c| assemble(c, details))
            .collect();
        Some(node)
    }
    let forest = forest
        .into_iter()
        .filter_map(|p| assemble(p, &mut details))
        .collect();
    Ok((forest, hidden))
}

/// (id, supported RHK) in page order: by owner, then by place in the plan.
type Shape = Vec<(i64, Option<i64>)>;

const SHAPE_SELECT: &str = "SELECT r.id, r.parent_rhk_id, s.employee_id, r.sort_order \
     FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id";

/// Rows of `SHAPE_SELECT ...`, as (owner, place, id, supported RHK), in page order.
async fn read_shape(
    db: &Db,
    sql: &str,
    binds: &[i64],
) -> Result<Vec<(i64, i64, i64, Option<i64>)>, AppError> {
    use futures::TryStreamExt;
    let mut query = sqlx::query(sql);
    for value in binds {
        query = query.bind(*value);
    }
    let mut read = Vec::new();
    let mut rows = query.fetch(db.pool());
    while let Some(row) = rows.try_next().await? {
        read.push((
            row.try_get(2)?,
            row.try_get(3)?,
            row.try_get(0)?,
            row.try_get(1)?,
        ));
    }
    // Sorted here rather than in SQL: SQLite took 180 ms to sort 150,000 RHK.
    read.sort_unstable();
    Ok(read)
}

/// Every RHK of the year in the units `ids`.
async fn scoped_shape(db: &Db, year: i64, ids: &[i64]) -> Result<Shape, AppError> {
    let sql = format!(
        "{SHAPE_SELECT} JOIN employees e ON e.id = s.employee_id JOIN positions p ON p.id = e.position_id \
         WHERE s.year = $1 AND p.unit_id IN ({})",
        placeholders(2, ids.len())
    );
    let binds: Vec<i64> = std::iter::once(year).chain(ids.iter().copied()).collect();
    Ok(read_shape(db, &sql, &binds)
        .await?
        .into_iter()
        .map(|(_, _, id, parent)| (id, parent))
        .collect())
}

/// The kabupaten view: the cascade from its top RHK down `KABUPATEN_DEPTH` levels,
/// and the year's RHK count. At 100,000 employees the year has about 150,000 RHK;
/// reading all their shapes took half a second, most of it handing rows over one
/// by one. This reads a level only under the RHK the page reaches: the page shows
/// at most `MAX_CASCADE_NODES` in depth-first order, so no level needs more than
/// that many, taken in the order of their parents. Lone RHK (supporting nothing,
/// supported by nothing) fill what room is left. An RHK whose supported RHK is in
/// another year is left out here (counted as not shown); a unit's view shows it.
async fn kabupaten_shape(db: &Db, year: i64) -> Result<(Shape, usize), AppError> {
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id WHERE s.year = $1",
    )
    .bind(year)
    .fetch_one(db.pool())
    .await?;
    let tops = read_shape(
        db,
        &format!(
            "{SHAPE_SELECT} WHERE s.year = $1 AND r.parent_rhk_id IS NULL \
             AND EXISTS (SELECT 1 FROM skp_rhk c WHERE c.parent_rhk_id = r.id)"
        ),
        &[year],
    )
    .await?;
    let mut level: Vec<i64> = tops.iter().map(|row| row.2).collect();
    let mut shape: Shape = tops.into_iter().map(|(_, _, id, p)| (id, p)).collect();
    for _ in 1..KABUPATEN_DEPTH {
        let place: HashMap<i64, usize> = level.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut next = Vec::new();
        // Small batches: a parent at the third level has dozens of supporters, and
        // a batch of 500 parents read 18,000 rows for a page that shows 2,500.
        for parents in level.chunks(50) {
            if next.len() >= MAX_CASCADE_NODES {
                break;
            }
            let sql = format!(
                "{SHAPE_SELECT} WHERE r.parent_rhk_id IN ({})",
                placeholders(1, parents.len())
            );
            next.extend(read_shape(db, &sql, parents).await?);
        }
        // Depth-first order within a level: the parent's place, then the owner's.
        next.sort_by_key(|&(owner, sort, id, parent)| {
            (parent.and_then(|p| place.get(&p).copied()), owner, sort, id)
        });
        level = next.iter().map(|row| row.2).collect();
        shape.extend(next.into_iter().map(|(_, _, id, p)| (id, p)));
    }
    if shape.len() < MAX_CASCADE_NODES {
        let lone = read_shape(
            db,
            &format!(
                "{SHAPE_SELECT} WHERE s.year = $1 AND r.parent_rhk_id IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM skp_rhk c WHERE c.parent_rhk_id = r.id) \
                 ORDER BY s.employee_id, r.sort_order LIMIT $2"
            ),
            &[year, (MAX_CASCADE_NODES - shape.len()) as i64],
        )
        .await?;
        shape.extend(lone.into_iter().map(|(_, _, id, p)| (id, p)));
    }
    Ok((shape, usize::try_from(total).unwrap_or(0)))
}

/// Text and owner of the given RHK, read in batches.
async fn rhk_details(db: &Db, ids: &[i64]) -> Result<HashMap<i64, CascadeNode>, AppError> {
    let mut found = HashMap::with_capacity(ids.len());
    for batch in ids.chunks(500) {
        let sql = format!(
            "SELECT r.id, r.text, e.id, e.name, p.title, s.status \
             FROM skp_rhk r JOIN skp_plans s ON s.id = r.plan_id JOIN employees e ON e.id = s.employee_id \
             JOIN positions p ON p.id = e.position_id WHERE r.id IN ({})",
            placeholders(1, batch.len())
        );
        let mut query = sqlx::query(&sql);
        for id in batch {
            query = query.bind(*id);
        }
        for r in query.fetch_all(db.pool()).await? {
            let node = CascadeNode {
                rhk_id: r.try_get(0)?,
                text: r.try_get(1)?,
                employee_id: r.try_get(2)?,
                employee_name: r.try_get(3)?,
                position_title: r.try_get(4)?,
                status: r.try_get(5)?,
                children: Vec::new(),
            };
            found.insert(node.rhk_id, node);
        }
    }
    Ok(found)
}
