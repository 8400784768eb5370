//! Builds the Matriks Peran Hasil and the cascade tree from the stored plans.

use super::repository::{self, ShapeRow, UnitRow};
use super::types::{
    CascadeNode, CascadeView, MatrixRow, MatrixView, PlanCountsPerUnit, StatusCounts, UnitProgress,
};
use crate::error::AppError;
use crate::identity::roles::{reach, SessionUser};
use crate::identity::types::Reach;
use crate::platform::db::{Conn, Db};
use crate::platform::state::AppState;
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
    let mut conn = db.read().await?;
    let Some(reach) = reach(&mut conn, user, employee_id).await? else {
        return Err(AppError::Forbidden);
    };
    // One's own matrix includes positions held as PLT/PLH today.
    let positions: Vec<i64> = if reach == Reach::Own {
        user.supervising_positions.clone()
    } else {
        repository::held_positions(&mut conn, employee_id).await?
    };
    let head = repository::matrix_head(&mut conn, employee_id, year)
        .await?
        .ok_or(AppError::NotFound)?;
    let own_rhk = repository::own_rhk(&mut conn, employee_id, year).await?;
    let columns =
        crate::skp::plan::holders::direct_reports(&mut conn, &positions, employee_id, year).await?;
    let mut rows: Vec<MatrixRow> = own_rhk
        .into_iter()
        .map(|r| MatrixRow {
            rhk_id: r.id,
            kind: r.kind,
            text: r.text,
            cells: vec![Vec::new(); columns.len()],
        })
        .collect();
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
        let parents: Vec<i64> = rows.iter().map(|r| r.rhk_id).collect();
        for link in repository::supporting_rhk(&mut conn, &parents).await? {
            if let (Some(&r), Some(&c)) = (
                row_of.get(&link.parent_rhk_id),
                column_of.get(&link.employee_id),
            ) {
                rows[r].cells[c].push(link.text);
            }
        }
    }
    Ok(MatrixView {
        year,
        employee_id,
        name: head.name,
        plan_status: head.status,
        rows,
        columns,
    })
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
        let mut conn = state.db.read().await?;
        let counts = plan_counts_per_unit(&mut conn, year).await?;
        return read_cascade(&mut conn, year, unit_id, &counts).await;
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
                            plan_counts_per_unit(&mut *db.read().await?, year).await
                        })
                        .await?;
                    read_cascade(&mut *kept.db.read().await?, year, None, &counts).await
                })
                .await?;
            Ok((*view).clone())
        }
        Some(unit) => {
            let db = state.db.clone();
            let counts = state.aggregates.plan_counts.get(year, move || async move {
                plan_counts_per_unit(&mut *db.read().await?, year).await
            });
            let counts = counts.await?;
            read_cascade(&mut *state.db.read().await?, year, Some(unit), &counts).await
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
    conn: &mut Conn,
    year: i64,
    unit_id: Option<i64>,
    per_unit: &PlanCountsPerUnit,
) -> Result<CascadeView, AppError> {
    let units = repository::active_units(conn).await?;
    // Thousands of units at kabupaten scale: index the children once.
    let mut child_index: HashMap<Option<i64>, Vec<&UnitRow>> = HashMap::new();
    for u in &units {
        child_index.entry(u.parent_id).or_default().push(u);
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
    let (roots, hidden_rhk) = rhk_tree(conn, year, scope.as_deref()).await?;
    let pending = match &scope {
        Some(ids) => crate::skp::plan::holders::pending_in_units(conn, ids, year).await?,
        None => Vec::new(),
    };
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
        .and_then(|u| u.parent_id)
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
async fn plan_counts_per_unit(conn: &mut Conn, year: i64) -> Result<PlanCountsPerUnit, AppError> {
    let mut per_unit: HashMap<i64, StatusCounts> = HashMap::new();
    for count in repository::plan_counts(conn, year).await? {
        per_unit
            .entry(count.unit_id)
            .or_default()
            .add(count.status, count.plans);
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
    conn: &mut Conn,
    year: i64,
    scope: Option<&[i64]>,
) -> Result<(Vec<CascadeNode>, usize), AppError> {
    let (shape, total) = match scope {
        Some(ids) => {
            let shape: Shape = repository::shape_in_units(conn, year, ids)
                .await?
                .into_iter()
                .map(link)
                .collect();
            let total = shape.len();
            (shape, total)
        }
        None => kabupaten_shape(conn, year).await?,
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

    let mut details = rhk_details(conn, &chosen).await?;
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

/// The kabupaten view: the cascade from its top RHK down `KABUPATEN_DEPTH` levels,
/// and the year's RHK count. At 100,000 employees the year has about 150,000 RHK;
/// reading all their shapes took half a second, most of it handing rows over one
/// by one. This reads a level only under the RHK the page reaches: the page shows
/// at most `MAX_CASCADE_NODES` in depth-first order, so no level needs more than
/// that many, taken in the order of their parents. Lone RHK (supporting nothing,
/// supported by nothing) fill what room is left. An RHK whose supported RHK is in
/// another year is left out here (counted as not shown); a unit's view shows it.
async fn kabupaten_shape(conn: &mut Conn, year: i64) -> Result<(Shape, usize), AppError> {
    let total = repository::rhk_count(conn, year).await?;
    let tops = repository::top_shape(conn, year).await?;
    let mut level: Vec<i64> = tops.iter().map(|row| row.id).collect();
    let mut shape: Shape = tops.into_iter().map(link).collect();
    for _ in 1..KABUPATEN_DEPTH {
        let place: HashMap<i64, usize> = level.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let mut next: Vec<ShapeRow> = Vec::new();
        // Small batches: a parent at the third level has dozens of supporters, and
        // a batch of 500 parents read 18,000 rows for a page that shows 2,500.
        for parents in level.chunks(50) {
            if next.len() >= MAX_CASCADE_NODES {
                break;
            }
            next.extend(repository::shape_under(conn, parents).await?);
        }
        // Depth-first order within a level: the parent's place, then the owner's.
        next.sort_by_key(|row| {
            (
                row.parent_rhk_id.and_then(|p| place.get(&p).copied()),
                row.employee_id,
                row.sort_order,
                row.id,
            )
        });
        level = next.iter().map(|row| row.id).collect();
        shape.extend(next.into_iter().map(link));
    }
    if shape.len() < MAX_CASCADE_NODES {
        let room = (MAX_CASCADE_NODES - shape.len()) as i64;
        let lone = repository::lone_shape(conn, year, room).await?;
        shape.extend(lone.into_iter().map(link));
    }
    Ok((shape, usize::try_from(total).unwrap_or(0)))
}

/// An RHK's (id, supported RHK).
fn link(row: ShapeRow) -> (i64, Option<i64>) {
    (row.id, row.parent_rhk_id)
}

/// Text and owner of the given RHK, read in batches.
async fn rhk_details(conn: &mut Conn, ids: &[i64]) -> Result<HashMap<i64, CascadeNode>, AppError> {
    let mut found = HashMap::with_capacity(ids.len());
    for batch in ids.chunks(500) {
        for node in repository::rhk_details(conn, batch).await? {
            found.insert(node.rhk_id, node);
        }
    }
    Ok(found)
}
