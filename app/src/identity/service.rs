//! Log-in, log-out and password change: the rules around sessions and throttling.

use super::password::check_new_password;
use super::roles::SessionUser;
use super::{session, throttle};
use crate::audit::chain::{self, Change};
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::organisation::nip::Nip;
use crate::platform::db::now_millis;
use crate::platform::secrets::{hash_password, verify_password, HashStrength};
use crate::platform::state::AppState;
use sqlx::Row;

/// The one message for a wrong NIP, a wrong password, or an inactive account.
pub const LOGIN_FAILED: &str = "NIP atau kata sandi salah.";

pub struct LoggedIn {
    pub token: String,
    pub must_change_password: bool,
}

/// Checks the credentials and starts a new session; `previous_token_hash` (the
/// session the browser already had, if any) is ended so the id always rotates.
pub async fn log_in(
    state: &AppState,
    nip_text: &str,
    password: &str,
    client_addr: &str,
    previous_token_hash: Option<&str>,
) -> Result<LoggedIn, AppError> {
    let nip_text = nip_text.trim().replace(' ', "");
    if nip_text.is_empty() {
        return Err(AppError::invalid("nip", "Isi NIP Anda (18 angka)."));
    }
    if password.is_empty() {
        return Err(AppError::invalid("password", "Isi kata sandi Anda."));
    }
    if nip_text.len() != 18 || !nip_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::invalid("nip", "NIP terdiri atas 18 angka."));
    }
    let db = &state.db;
    let settings = &state.settings;
    let now = now_millis();
    let nip_key = throttle::nip_key(&nip_text);
    let address_key = throttle::address_key(client_addr);
    if let Some(minutes) =
        throttle::blocked_minutes(db, &[nip_key.clone(), address_key.clone()], now).await?
    {
        return Err(AppError::Throttled { minutes });
    }

    let account = sqlx::query(
        "SELECT e.id, a.password_hash, a.must_change_password FROM employees e \
         JOIN accounts a ON a.employee_id = e.id WHERE e.nip = $1 AND e.active = 1",
    )
    .bind(&nip_text)
    .fetch_optional(db.pool())
    .await?;
    let (employee_id, stored, must_change) = match &account {
        Some(row) => (
            Some(row.try_get::<i64, _>(0)?),
            row.try_get::<Option<String>, _>(1)?,
            row.try_get::<i64, _>(2)? != 0,
        ),
        None => (None, None, false),
    };
    // Always a full argon2 verification (against a dummy hash when there is no
    // account), so the answer takes as long for an unknown NIP as for a known one.
    let verified = verify_password(password, stored).await;
    let Some(employee_id) = employee_id.filter(|_| verified) else {
        throttle::record_login_failure(db, settings, &nip_key, Some(&address_key), now).await?;
        return Err(AppError::invalid("password", LOGIN_FAILED));
    };
    throttle::clear(db, &nip_key).await?;
    let mut tx = db.pool().begin().await?;
    if let Some(previous) = previous_token_hash {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(previous)
            .execute(&mut *tx)
            .await?;
    }
    let token = session::create(&mut tx, settings, employee_id, client_addr, now).await?;
    tx.commit().await?;
    Ok(LoggedIn {
        token,
        must_change_password: must_change,
    })
}

/// Replaces the password after checking the current one; ends every other session
/// and returns the token of a fresh one for this browser.
pub async fn change_password(
    state: &AppState,
    user: &SessionUser,
    current: &str,
    new_password: &str,
    confirm: &str,
    client_addr: &str,
) -> Result<String, AppError> {
    let db = &state.db;
    let settings = &state.settings;
    let now = now_millis();
    let employee_id = user.employee_id();
    let nip_key = throttle::nip_key(&user.viewer.nip);
    if let Some(minutes) =
        throttle::blocked_minutes(db, std::slice::from_ref(&nip_key), now).await?
    {
        return Err(AppError::Throttled { minutes });
    }
    let row = sqlx::query(
        "SELECT a.password_hash, e.birth_date FROM accounts a JOIN employees e ON e.id = a.employee_id \
         WHERE a.employee_id = $1",
    )
    .bind(employee_id)
    .fetch_one(db.pool())
    .await?;
    let stored: Option<String> = row.try_get(0)?;
    let birth_date = CivilDate::parse_iso(&row.try_get::<String, _>(1)?);
    if current.is_empty() {
        return Err(AppError::invalid(
            "current",
            "Isi kata sandi Anda sekarang.",
        ));
    }
    if !verify_password(current, stored).await {
        throttle::record_login_failure(db, settings, &nip_key, None, now).await?;
        return Err(AppError::invalid("current", "Kata sandi sekarang salah."));
    }
    if current == new_password {
        return Err(AppError::invalid(
            "new_password",
            super::password::PasswordProblem::SameAsCurrent.message(),
        ));
    }
    let nip = Nip::parse(&user.viewer.nip)
        .map(|n| n.as_str().to_owned())
        .unwrap_or_default();
    check_new_password(new_password, confirm, &nip, birth_date)
        .map_err(|problem| AppError::invalid(problem.field(), problem.message()))?;
    let hash = hash_password(new_password, HashStrength::Chosen)
        .await
        .map_err(|e| AppError::internal("hash password", e))?;

    let mut tx = db.pool().begin().await?;
    sqlx::query(
        "UPDATE accounts SET password_hash = $1, must_change_password = 0, password_changed_at = $2, \
         updated_at = $2 WHERE employee_id = $3",
    )
    .bind(hash)
    .bind(now)
    .bind(employee_id)
    .execute(&mut *tx)
    .await?;
    session::end_all(&mut tx, employee_id).await?;
    let token = session::create(&mut tx, settings, employee_id, client_addr, now).await?;
    chain::append(
        &mut tx,
        db.backend(),
        Change {
            actor: Some(employee_id),
            action: "account.password_changed",
            entity: "account",
            entity_id: employee_id.to_string(),
            before: Some(
                serde_json::json!({ "must_change_password": user.viewer.must_change_password }),
            ),
            after: Some(
                serde_json::json!({ "must_change_password": false, "other_sessions_ended": true }),
            ),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    throttle::clear(db, &nip_key).await?;
    Ok(token)
}

/// Gives an account (new or existing) a one-time password hash that must be
/// changed at the next log-in.
pub async fn set_one_time_password(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    employee_id: i64,
    password_hash: String,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO accounts (employee_id, password_hash, must_change_password, created_at, updated_at) \
         VALUES ($1, $2, 1, $3, $3) \
         ON CONFLICT (employee_id) DO UPDATE SET password_hash = excluded.password_hash, \
           must_change_password = 1, updated_at = excluded.updated_at",
    )
    .bind(employee_id)
    .bind(password_hash)
    .bind(now)
    .execute(&mut **tx)
    .await
    .map(|_| ())
}

/// Where to go after log-in: a local path only, never another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.starts_with("/api/")
                && path.len() < 300 =>
        {
            path.to_owned()
        }
        _ => "/saya".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_limited_to_local_pages() {
        assert_eq!(safe_next(Some("/tim")), "/tim");
        assert_eq!(safe_next(Some("//evil.example")), "/saya");
        assert_eq!(safe_next(Some("https://evil.example")), "/saya");
        assert_eq!(safe_next(Some("/\\evil.example")), "/saya");
        assert_eq!(safe_next(None), "/saya");
    }
}
