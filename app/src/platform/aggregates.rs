//! Kabupaten-wide figures (the home page's counts, plan counts per unit, the
//! kabupaten cascade, the leadership overview), kept between requests.
//!
//! At a few thousand employees each is counted in tens of milliseconds, and a
//! reader after a change waits for a fresh count, as before. At a million (on
//! PostgreSQL) one count reads every employee and takes about a second of both
//! cores: there every request counting again made the pages take 2 s, and eight
//! at once 10 s. So a figure that took longer than [`WAIT_AT_MOST`] to count is
//! served as last counted while one new count runs in the background, started by
//! the first reader after a change ([`Aggregate::mark_stale`]) or after `ttl`.
//! Only the very first reader of a figure waits for it (and readers arriving
//! meanwhile wait for that same count, not their own).

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A figure counted faster than this is counted again while the reader waits
/// when it is due; a slower one is refreshed in the background.
pub const WAIT_AT_MOST: Duration = Duration::from_millis(250);

pub struct Aggregate<K, V> {
    ttl: Duration,
    slots: Mutex<HashMap<K, Arc<Slot<V>>>>,
}

struct Slot<V> {
    state: Mutex<SlotState<V>>,
    /// Held while a reader counts: the others wait for its result.
    counting: tokio::sync::Mutex<()>,
}

struct SlotState<V> {
    value: Option<Arc<V>>,
    counted_at: Instant,
    took: Duration,
    stale: bool,
    refreshing: bool,
}

impl<V> Slot<V> {
    fn state(&self) -> MutexGuard<'_, SlotState<V>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The stored figure unless a change or `ttl` made it due.
    fn fresh(&self, ttl: Duration) -> Option<Arc<V>> {
        let state = self.state();
        let due = state.stale || state.counted_at.elapsed() >= ttl;
        state.value.clone().filter(|_| !due)
    }

    fn store(&self, value: Arc<V>, started: Instant) {
        let mut state = self.state();
        state.value = Some(value);
        state.counted_at = started;
        state.took = started.elapsed();
    }

    /// Counts unless the figure is fresh: one count at a time, so readers (and a
    /// background refresh) that arrive together share it.
    async fn count<E, Fut>(&self, ttl: Duration, count: Fut) -> Result<Arc<V>, E>
    where
        Fut: Future<Output = Result<V, E>>,
    {
        let _counting = self.counting.lock().await;
        if let Some(value) = self.fresh(ttl) {
            return Ok(value); // counted by the one we waited for
        }
        // A change while counting marks it stale again.
        self.state().stale = false;
        let started = Instant::now();
        let value = Arc::new(count.await?);
        self.store(value.clone(), started);
        Ok(value)
    }
}

impl<K: Eq + Hash + Clone, V: Send + Sync + 'static> Aggregate<K, V> {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            slots: Mutex::new(HashMap::new()),
        }
    }

    fn slot(&self, key: &K) -> Arc<Slot<V>> {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots
            .entry(key.clone())
            .or_insert_with(|| {
                Arc::new(Slot {
                    state: Mutex::new(SlotState {
                        value: None,
                        counted_at: Instant::now(),
                        took: Duration::ZERO,
                        stale: false,
                        refreshing: false,
                    }),
                    counting: tokio::sync::Mutex::new(()),
                })
            })
            .clone()
    }

    /// The figure for `key`; `count` computes it (see the module's note for when).
    /// A failed count is never kept: the reader gets the error, or, in the
    /// background, the previous figure stays and the error is logged.
    pub async fn get<E, F, Fut>(&self, key: K, count: F) -> Result<Arc<V>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>> + Send + 'static,
        E: std::fmt::Display,
    {
        let slot = self.slot(&key);
        if let Some(value) = slot.fresh(self.ttl) {
            return Ok(value);
        }
        {
            let mut state = slot.state();
            if let Some(value) = state.value.clone().filter(|_| state.took > WAIT_AT_MOST) {
                if !state.refreshing {
                    state.refreshing = true;
                    let (slot, ttl, counting) = (slot.clone(), self.ttl, count());
                    tokio::spawn(async move {
                        if let Err(error) = slot.count(ttl, counting).await {
                            tracing::warn!(%error, "refreshing a kabupaten figure failed");
                        }
                        slot.state().refreshing = false;
                    });
                }
                return Ok(value);
            }
        }
        slot.count(self.ttl, count()).await
    }

    /// The figure as of now, however long counting takes: for a figure built from
    /// this one (the kabupaten cascade from the plan counts), which must not be
    /// built from an old count.
    pub async fn get_fresh<E, F, Fut>(&self, key: K, count: F) -> Result<Arc<V>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        self.slot(&key).count(self.ttl, count()).await
    }

    /// After a change the figures must show: each is counted again when next read.
    pub fn mark_stale(&self) {
        let slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        for slot in slots.values() {
            slot.state().stale = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn counter(
        counts: &Arc<AtomicU32>,
        delay: Duration,
    ) -> impl FnOnce() -> std::pin::Pin<Box<dyn Future<Output = Result<u32, String>> + Send>> {
        let counts = counts.clone();
        move || {
            Box::pin(async move {
                tokio::time::sleep(delay).await;
                Ok(counts.fetch_add(1, Ordering::SeqCst) + 1)
            })
        }
    }

    #[tokio::test]
    async fn a_quick_figure_is_counted_again_after_a_change_while_the_reader_waits() {
        let figures = Aggregate::new(Duration::from_secs(60));
        let counts = Arc::new(AtomicU32::new(0));
        let quick = Duration::ZERO;
        assert_eq!(*figures.get(1, counter(&counts, quick)).await.unwrap(), 1);
        assert_eq!(*figures.get(1, counter(&counts, quick)).await.unwrap(), 1);
        figures.mark_stale();
        assert_eq!(*figures.get(1, counter(&counts, quick)).await.unwrap(), 2);
        // Another key is its own figure.
        assert_eq!(*figures.get(2, counter(&counts, quick)).await.unwrap(), 3);
    }

    #[tokio::test]
    async fn a_slow_figure_is_served_as_last_counted_while_one_refresh_runs() {
        let figures = Arc::new(Aggregate::new(Duration::from_secs(60)));
        let counts = Arc::new(AtomicU32::new(0));
        let slow = WAIT_AT_MOST + Duration::from_millis(50);
        // Eight first readers at once share one count.
        let readers: Vec<_> = (0..8)
            .map(|_| {
                let figures = figures.clone();
                let count = counter(&counts, slow);
                tokio::spawn(async move { *figures.get((), count).await.unwrap() })
            })
            .collect();
        for reader in readers {
            assert_eq!(reader.await.unwrap(), 1);
        }
        figures.mark_stale();
        let started = Instant::now();
        for _ in 0..3 {
            assert_eq!(*figures.get((), counter(&counts, slow)).await.unwrap(), 1);
        }
        assert!(
            started.elapsed() < slow,
            "readers did not wait for the refresh"
        );
        tokio::time::sleep(slow + Duration::from_millis(100)).await;
        assert_eq!(*figures.get((), counter(&counts, slow)).await.unwrap(), 2);
        assert_eq!(
            counts.load(Ordering::SeqCst),
            2,
            "one refresh, not one per reader"
        );
    }

    #[tokio::test]
    async fn keeps_a_success_until_it_expires_and_never_keeps_errors() {
        let cache = Aggregate::new(Duration::from_millis(50));
        let get = |n: Result<i32, &'static str>| {
            let cache = &cache;
            async move { cache.get((), move || async move { n }).await.map(|v| *v) }
        };
        let failed: Result<i32, &str> = get(Err("down")).await;
        assert_eq!(failed, Err("down"));
        assert_eq!(get(Ok(1)).await, Ok(1));
        assert_eq!(get(Ok(2)).await, Ok(1));
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert_eq!(get(Ok(3)).await, Ok(3));
        cache.mark_stale();
        assert_eq!(get(Ok(4)).await, Ok(4));
    }

    #[tokio::test]
    async fn a_fresh_reader_of_a_slow_figure_waits_for_the_count_and_shares_it() {
        let figures = Arc::new(Aggregate::new(Duration::from_secs(60)));
        let counts = Arc::new(AtomicU32::new(0));
        let slow = WAIT_AT_MOST + Duration::from_millis(50);
        assert_eq!(*figures.get((), counter(&counts, slow)).await.unwrap(), 1);
        figures.mark_stale();
        // A reader starts the background refresh; a fresh reader waits for it
        // instead of counting again.
        assert_eq!(*figures.get((), counter(&counts, slow)).await.unwrap(), 1);
        assert_eq!(
            *figures.get_fresh((), counter(&counts, slow)).await.unwrap(),
            2
        );
        assert_eq!(counts.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failed_count_is_not_kept() {
        let figures: Aggregate<(), u32> = Aggregate::new(Duration::from_secs(60));
        let failed = figures
            .get((), || async { Err::<u32, String>("down".into()) })
            .await;
        assert_eq!(failed.unwrap_err(), "down");
        assert_eq!(
            *figures
                .get((), || async { Ok::<_, String>(7) })
                .await
                .unwrap(),
            7
        );
    }
}
