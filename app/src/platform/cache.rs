//! A value computed from the database and reused for a short time: for aggregates
//! many people read and few change (the kabupaten overview on the home page).

use std::future::Future;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

pub struct TtlCache<T> {
    ttl: Duration,
    slot: Mutex<Option<(Instant, T)>>,
}

impl<T: Clone> TtlCache<T> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            slot: Mutex::new(None),
        }
    }

    /// The cached value while fresh; otherwise `load` runs (once, even when many
    /// requests arrive together) and a success is kept. Errors are never cached.
    pub async fn get_or_load<E, F>(&self, load: impl FnOnce() -> F) -> Result<T, E>
    where
        F: Future<Output = Result<T, E>>,
    {
        let mut slot = self.slot.lock().await;
        if let Some((stored, value)) = slot.as_ref() {
            if stored.elapsed() < self.ttl {
                return Ok(value.clone());
            }
        }
        let value = load().await?;
        *slot = Some((Instant::now(), value.clone()));
        Ok(value)
    }

    /// Forgets the value, after a change the next reader must see.
    pub async fn invalidate(&self) {
        *self.slot.lock().await = None;
    }
}

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

    #[tokio::test]
    async fn keeps_a_success_until_it_expires_and_never_keeps_errors() {
        let cache = TtlCache::new(Duration::from_millis(50));
        let failed: Result<i32, &str> = cache.get_or_load(|| async { Err("down") }).await;
        assert_eq!(failed, Err("down"));
        assert_eq!(
            cache.get_or_load(|| async { Ok::<_, &str>(1) }).await,
            Ok(1)
        );
        assert_eq!(
            cache.get_or_load(|| async { Ok::<_, &str>(2) }).await,
            Ok(1)
        );
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert_eq!(
            cache.get_or_load(|| async { Ok::<_, &str>(3) }).await,
            Ok(3)
        );
        cache.invalidate().await;
        assert_eq!(
            cache.get_or_load(|| async { Ok::<_, &str>(4) }).await,
            Ok(4)
        );
    }
}
