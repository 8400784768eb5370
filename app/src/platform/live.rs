//! The live channel: named topics whose changes reach every open page that
//! follows them. A topic carries no data: each follower re-reads what it may
//! see, so the channel can never show anyone more than a page would.
//!
//! On SQLite (one instance) a change is delivered in-process after its commit.
//! On PostgreSQL the writing transaction NOTIFYs (so a rolled-back change
//! announces nothing) and every instance sharing the database LISTENs and
//! delivers to its own followers, this one included.

use super::db::{Backend, Conn};
use super::state::AppState;
use tokio::sync::broadcast;

/// The PostgreSQL channel every instance listens on.
pub const CHANNEL: &str = "sikap_live";

/// Followers that fall this far behind skip ahead (they re-read anyway).
const BACKLOG: usize = 1024;

pub struct LiveHub {
    sender: broadcast::Sender<String>,
}

impl LiveHub {
    pub fn new() -> Self {
        Self {
            sender: broadcast::channel(BACKLOG).0,
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.sender.subscribe()
    }

    fn send(&self, topic: &str) {
        // No follower is not an error.
        let _ = self.sender.send(topic.to_owned());
    }
}

impl Default for LiveHub {
    fn default() -> Self {
        Self::new()
    }
}

/// A unit kerja's distribution for a period changed (an evaluation finalised
/// or a keberatan changed one).
pub fn distribution_topic(unit_id: i64, period_id: i64) -> String {
    format!("distribusi:{unit_id}:{period_id}")
}

/// An employee's unread notifications changed (the header's count follows it).
pub fn notices_topic(employee_id: i64) -> String {
    format!("pemberitahuan:{employee_id}")
}

/// Inside the writing transaction: on PostgreSQL, NOTIFY every instance when it
/// commits. On SQLite nothing yet: [`deliver_local`] follows the commit.
pub async fn announce(conn: &mut Conn, backend: Backend, topic: &str) -> Result<(), sqlx::Error> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(topic)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// After the commit: on SQLite, tell this instance's followers (on PostgreSQL
/// the listener does, for every instance).
pub fn deliver_local(state: &AppState, topic: &str) {
    if state.db.backend() == Backend::Sqlite {
        state.live.send(topic);
    }
}

/// The topics one write transaction announces: each sent with the transaction on
/// PostgreSQL ([`announce`]), all delivered after the commit on SQLite
/// ([`Announcements::deliver`]), so a writer names each topic once.
#[derive(Default)]
pub struct Announcements(Vec<String>);

impl Announcements {
    pub async fn add(
        &mut self,
        conn: &mut Conn,
        backend: Backend,
        topic: String,
    ) -> Result<(), sqlx::Error> {
        announce(conn, backend, &topic).await?;
        self.0.push(topic);
        Ok(())
    }

    /// After the commit.
    pub fn deliver(self, state: &AppState) {
        for topic in &self.0 {
            deliver_local(state, topic);
        }
    }
}

/// On PostgreSQL: LISTENs for every instance's announcements and hands them to
/// this instance's followers, reconnecting after a lost connection.
pub fn listen(database_url: String, hub: std::sync::Arc<LiveHub>) {
    tokio::spawn(async move {
        loop {
            match sqlx::postgres::PgListener::connect(&database_url).await {
                Ok(mut listener) => {
                    if let Err(error) = listener.listen(CHANNEL).await {
                        tracing::warn!(%error, "live channel: LISTEN failed");
                    } else {
                        loop {
                            match listener.recv().await {
                                Ok(note) => hub.send(note.payload()),
                                Err(error) => {
                                    tracing::warn!(%error, "live channel: connection lost");
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, "live channel: cannot connect"),
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    });
}
