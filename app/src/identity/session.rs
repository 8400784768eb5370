//! Server-side sessions in the database (one table, SQLite or PostgreSQL), so any
//! server instance can answer any request and a logout is immediate everywhere.

use super::roles::{load_user, SessionUser};
use crate::platform::config::Settings;
use crate::platform::db::Conn;
use crate::platform::secrets::{random_token, token_hash};

pub const SESSION_COOKIE: &str = "sikap_session";

/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_INTERVAL_MILLIS: i64 = 60_000;

fn idle_millis(settings: &Settings) -> i64 {
    i64::from(settings.session_idle_minutes) * 60_000
}

fn absolute_millis(settings: &Settings) -> i64 {
    i64::from(settings.session_absolute_hours) * 3_600_000
}

/// Starts a session for `employee_id` (on the caller's write transaction) and
/// returns the cookie token.
pub async fn create(
    conn: &mut Conn,
    settings: &Settings,
    employee_id: i64,
    client_addr: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let token = random_token();
    sqlx::query(
        "INSERT INTO sessions (token_hash, employee_id, created_at, last_seen_at, expires_at, client_addr) \
         VALUES ($1, $2, $3, $3, $4, $5)",
    )
    .bind(token_hash(&token))
    .bind(employee_id)
    .bind(now)
    .bind(now + absolute_millis(settings))
    .bind(client_addr)
    .execute(&mut *conn)
    .await?;
    // Expired sessions of this person are no use to anyone; keep the table small.
    sqlx::query("DELETE FROM sessions WHERE employee_id = $1 AND expires_at <= $2")
        .bind(employee_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    employee_id: i64,
    last_seen_at: i64,
    expires_at: i64,
}

/// The person behind a cookie token, or `None` when the session is unknown, idle
/// too long, past its absolute end, or its employee was deactivated.
pub async fn resolve(
    conn: &mut Conn,
    settings: &Settings,
    token: &str,
    now: i64,
) -> Result<Option<SessionUser>, sqlx::Error> {
    let hash = token_hash(token);
    let Some(session) = sqlx::query_as::<_, SessionRow>(
        "SELECT employee_id, last_seen_at, expires_at FROM sessions WHERE token_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let last_seen = session.last_seen_at;
    if now - last_seen > idle_millis(settings) || now >= session.expires_at {
        end(conn, &hash).await?;
        return Ok(None);
    }
    let Some(user) = load_user(conn, session.employee_id, hash.clone(), now).await? else {
        end(conn, &hash).await?;
        return Ok(None);
    };
    if now - last_seen > TOUCH_INTERVAL_MILLIS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(conn)
            .await?;
    }
    Ok(Some(user))
}

/// Ends the session behind `token_hash`, if it still exists.
pub async fn end(conn: &mut Conn, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Ends every session of a person (password change, reset, deactivation).
pub async fn end_all(conn: &mut Conn, employee_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE employee_id = $1")
        .bind(employee_id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// `Set-Cookie` for a new session: HttpOnly, SameSite=Lax (links from e-mail still
/// arrive signed in; cross-site posts are stopped by the Origin check), Secure on HTTPS.
pub fn cookie(settings: &Settings, token: &str) -> String {
    let max_age = absolute_millis(settings) / 1000;
    let secure = if settings.serves_https() {
        "; Secure"
    } else {
        ""
    };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// `Set-Cookie` that removes the session cookie.
pub fn clearing_cookie(settings: &Settings) -> String {
    let secure = if settings.serves_https() {
        "; Secure"
    } else {
        ""
    };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// The session token in a `Cookie` header, if any.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    crate::platform::request::cookie_value(header, SESSION_COOKIE)
        .filter(|value| value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_tokens_are_read_from_cookies() {
        let token = "a".repeat(64);
        let header = format!("sikap_lang=id; {SESSION_COOKIE}={token}");
        assert_eq!(token_from_cookie_header(&header), Some(token.as_str()));
        assert_eq!(token_from_cookie_header("sikap_session=abc"), None);
        assert_eq!(token_from_cookie_header("other=1"), None);
    }
}
