//! The active units as a tree, for the monitors that count people per unit and
//! sum the counts per sub-unit (thousands of units at kabupaten scale: indexed
//! by parent once, then walked).

use crate::skp::overview::repository::UnitRow;
use std::collections::HashMap;

pub struct UnitTree<'a> {
    by_id: HashMap<i64, &'a UnitRow>,
    children: HashMap<Option<i64>, Vec<&'a UnitRow>>,
}

impl<'a> UnitTree<'a> {
    pub fn new(units: &'a [UnitRow]) -> Self {
        let mut children: HashMap<Option<i64>, Vec<&UnitRow>> = HashMap::new();
        for u in units {
            children.entry(u.parent_id).or_default().push(u);
        }
        Self {
            by_id: units.iter().map(|u| (u.id, u)).collect(),
            children,
        }
    }

    pub fn find(&self, id: i64) -> Option<&'a UnitRow> {
        self.by_id.get(&id).copied()
    }

    pub fn children_of(&self, id: Option<i64>) -> impl Iterator<Item = &'a UnitRow> + '_ {
        self.children.get(&id).into_iter().flatten().copied()
    }

    /// `root` and every unit below it.
    pub fn subtree(&self, root: i64) -> Vec<i64> {
        let mut ids = vec![root];
        let mut i = 0;
        while i < ids.len() {
            let parent = ids[i];
            ids.extend(self.children_of(Some(parent)).map(|u| u.id));
            i += 1;
        }
        ids
    }

    pub fn name_of(&self, id: i64) -> String {
        self.find(id).map(|u| u.name.clone()).unwrap_or_default()
    }

    /// The unit above `unit` as a monitor links to it: none for the kabupaten's
    /// own top unit (that is "the kabupaten", the monitor without a unit).
    pub fn parent_link(&self, unit: &UnitRow) -> Option<(i64, String)> {
        unit.parent_id
            .and_then(|id| self.find(id))
            .filter(|p| p.parent_id.is_some())
            .map(|p| (p.id, p.name.clone()))
    }
}

/// Counts that add up over units (filing states, evaluation stages).
pub trait Tally: Default {
    fn merge(&mut self, other: &Self);
    fn is_empty(&self) -> bool;
}

/// One row of a monitor's table: a sub-unit with everything below it, or the
/// unit shown itself for the people placed in it directly.
pub struct Group<C> {
    pub unit_id: i64,
    pub name: String,
    /// Whether it has sub-units of its own to open.
    pub has_sub_units: bool,
    pub counts: C,
}

/// The rows of a monitor's table: each sub-unit of `unit` with everything below
/// it, and the unit itself for the people placed in it directly. For the
/// kabupaten, the units under the top unit (the pemda), and the pemda's own people.
pub fn groups<C: Tally + Clone>(
    tree: &UnitTree<'_>,
    unit: Option<&UnitRow>,
    per_unit: &HashMap<i64, C>,
) -> Vec<Group<C>> {
    let containers: Vec<&UnitRow> = match unit {
        Some(u) => vec![u],
        None => tree.children_of(None).collect(),
    };
    let mut groups = Vec::new();
    for container in containers {
        if let Some(own) = per_unit.get(&container.id).filter(|c| !c.is_empty()) {
            groups.push(Group {
                unit_id: container.id,
                name: container.name.clone(),
                has_sub_units: false,
                counts: own.clone(),
            });
        }
        for child in tree.children_of(Some(container.id)) {
            let mut counts = C::default();
            for id in tree.subtree(child.id) {
                if let Some(c) = per_unit.get(&id) {
                    counts.merge(c);
                }
            }
            if !counts.is_empty() {
                groups.push(Group {
                    unit_id: child.id,
                    name: child.name.clone(),
                    has_sub_units: true,
                    counts,
                });
            }
        }
    }
    groups
}
