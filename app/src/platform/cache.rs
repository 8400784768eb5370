//! Rendered public pages reused for a short time (figures counted from the
//! database are kept by `platform::aggregates`).

use std::time::{Duration, Instant};

/// Values by key, each reused for `ttl` after it was stored (the rendered public
/// pages anonymous visitors share). `clear` after a change visitors must see.
pub struct KeyedTtlCache<T> {
    ttl: Duration,
    entries: std::sync::RwLock<std::collections::HashMap<String, (Instant, std::sync::Arc<T>)>>,
}

impl<T> KeyedTtlCache<T> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            entries: Default::default(),
        }
    }

    pub fn get(&self, key: &str) -> Option<std::sync::Arc<T>> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        entries
            .get(key)
            .filter(|(stored, _)| stored.elapsed() < self.ttl)
            .map(|(_, value)| value.clone())
    }

    pub fn put(&self, key: String, value: T) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        entries.insert(key, (Instant::now(), std::sync::Arc::new(value)));
    }

    pub fn clear(&self) {
        self.entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_values_expire_and_clear() {
        let cache = KeyedTtlCache::new(Duration::from_millis(40));
        cache.put("/|id".into(), 1);
        assert_eq!(cache.get("/|id").as_deref(), Some(&1));
        assert_eq!(cache.get("/|en"), None);
        cache.clear();
        assert_eq!(cache.get("/|id"), None);
        cache.put("/|id".into(), 2);
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(cache.get("/|id"), None);
    }
}
