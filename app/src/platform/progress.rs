//! Progress of long jobs on this instance (done, total), keyed by job id.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct ProgressBoard(Mutex<HashMap<String, (usize, usize)>>);

impl ProgressBoard {
    pub fn set(&self, id: &str, done: usize, total: usize) {
        if let Ok(mut map) = self.0.lock() {
            map.insert(id.to_owned(), (done, total));
        }
    }

    pub fn get(&self, id: &str) -> Option<(usize, usize)> {
        self.0.lock().ok().and_then(|map| map.get(id).copied())
    }

    pub fn remove(&self, id: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(id);
        }
    }
}
