//! Log-in throttling per NIP and per client address, kept in the database so every
//! server instance counts the same failures.

use crate::platform::config::Settings;
use crate::platform::db::Conn;

/// Minutes until `keys` may try again, if any of them is blocked now.
pub async fn blocked_minutes(
    conn: &mut Conn,
    keys: &[String],
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut longest: Option<i64> = None;
    for key in keys {
        let until: Option<Option<i64>> =
            sqlx::query_scalar("SELECT blocked_until FROM login_failures WHERE throttle_key = $1")
                .bind(key)
                .fetch_optional(&mut *conn)
                .await?;
        if let Some(until) = until.flatten().filter(|until| *until > now) {
            let minutes = (until - now + 59_999) / 60_000;
            longest = Some(longest.map_or(minutes, |m| m.max(minutes)));
        }
    }
    Ok(longest)
}

#[derive(sqlx::FromRow)]
struct Failures {
    failures: i64,
    first_failed_at: i64,
}

/// Counts one failure for `key`; past `limit` failures within the window the key
/// is blocked for the lockout time.
async fn record_failure(
    conn: &mut Conn,
    settings: &Settings,
    key: &str,
    limit: u32,
    now: i64,
) -> Result<(), sqlx::Error> {
    let window = i64::from(settings.login_window_minutes) * 60_000;
    let lockout = i64::from(settings.login_lockout_minutes) * 60_000;
    let current: Option<Failures> = sqlx::query_as(
        "SELECT failures, first_failed_at FROM login_failures WHERE throttle_key = $1",
    )
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    let (failures, first_failed_at) = match current {
        Some(f) if now - f.first_failed_at <= window => (f.failures + 1, f.first_failed_at),
        _ => (1, now),
    };
    let blocked_until = (failures >= i64::from(limit)).then_some(now + lockout);
    sqlx::query(
        "INSERT INTO login_failures (throttle_key, failures, first_failed_at, blocked_until) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, \
           first_failed_at = excluded.first_failed_at, blocked_until = excluded.blocked_until",
    )
    .bind(key)
    .bind(failures)
    .bind(first_failed_at)
    .bind(blocked_until)
    .execute(conn)
    .await
    .map(|_| ())
}

/// A failed log-in or password check, on the caller's write transaction: counts
/// against the NIP and, for log-ins, the client address.
pub async fn record_login_failure(
    conn: &mut Conn,
    settings: &Settings,
    nip_key: &str,
    address_key: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    record_failure(
        conn,
        settings,
        nip_key,
        settings.login_max_failures_per_nip,
        now,
    )
    .await?;
    if let Some(address_key) = address_key {
        record_failure(
            conn,
            settings,
            address_key,
            settings.login_max_failures_per_address,
            now,
        )
        .await?;
    }
    Ok(())
}

pub async fn clear(conn: &mut Conn, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_failures WHERE throttle_key = $1")
        .bind(key)
        .execute(conn)
        .await
        .map(|_| ())
}

pub fn nip_key(nip: &str) -> String {
    format!("nip:{nip}")
}

pub fn address_key(address: &str) -> String {
    format!("addr:{address}")
}
