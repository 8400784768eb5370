//! Log-in, log-out and password change: the rules around sessions and throttling.

use super::password::check_new_password;
use super::roles::SessionUser;
use super::{repository, session, throttle};
use crate::audit::action::AuditAction;
use crate::audit::chain::{self, Change};
use crate::calendar::CivilDate;
use crate::error::AppError;
use crate::i18n::tr;
use crate::organisation::nip::Nip;
use crate::platform::db::now_millis;
use crate::platform::secrets::{hash_password, verify_password, HashStrength};
use crate::platform::state::AppState;

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
        return Err(AppError::invalid("nip", tr!(error_login_nip_empty)));
    }
    if password.is_empty() {
        return Err(AppError::invalid(
            "password",
            tr!(error_login_password_empty),
        ));
    }
    if nip_text.len() != 18 || !nip_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::invalid("nip", tr!(error_login_nip_digits)));
    }
    let db = &state.db;
    let settings = &state.settings;
    let now = now_millis();
    let nip_key = throttle::nip_key(&nip_text);
    let address_key = throttle::address_key(client_addr);
    let account = {
        let mut conn = db.read().await?;
        if let Some(minutes) =
            throttle::blocked_minutes(&mut conn, &[nip_key.clone(), address_key.clone()], now)
                .await?
        {
            return Err(AppError::Throttled { minutes });
        }
        repository::login_account(&mut conn, &nip_text).await?
    };
    let (employee_id, must_change, stored) = match account {
        Some(account) => (
            Some(account.employee_id),
            account.must_change_password(),
            account.password_hash,
        ),
        None => (None, false, None),
    };
    // Always a full argon2 verification (against a dummy hash when there is no
    // account), so the answer takes as long for an unknown NIP as for a known one.
    let verified = verify_password(password, stored).await;
    let Some(employee_id) = employee_id.filter(|_| verified) else {
        let mut tx = db.write().await?;
        throttle::record_login_failure(&mut tx, settings, &nip_key, Some(&address_key), now)
            .await?;
        tx.commit().await?;
        // The one message for a wrong NIP, a wrong password, or an inactive account.
        return Err(AppError::invalid("password", tr!(error_login_failed)));
    };
    let mut tx = db.write().await?;
    throttle::clear(&mut tx, &nip_key).await?;
    if let Some(previous) = previous_token_hash {
        session::end(&mut tx, previous).await?;
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
    let facts = {
        let mut conn = db.read().await?;
        if let Some(minutes) =
            throttle::blocked_minutes(&mut conn, std::slice::from_ref(&nip_key), now).await?
        {
            return Err(AppError::Throttled { minutes });
        }
        repository::password_facts(&mut conn, employee_id).await?
    };
    let birth_date = CivilDate::parse_iso(&facts.birth_date);
    if current.is_empty() {
        return Err(AppError::invalid(
            "current",
            tr!(error_password_current_empty),
        ));
    }
    if !verify_password(current, facts.password_hash).await {
        let mut tx = db.write().await?;
        throttle::record_login_failure(&mut tx, settings, &nip_key, None, now).await?;
        tx.commit().await?;
        return Err(AppError::invalid(
            "current",
            tr!(error_password_current_wrong),
        ));
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

    let mut tx = db.write().await?;
    repository::set_password(&mut tx, employee_id, hash, now).await?;
    session::end_all(&mut tx, employee_id).await?;
    let token = session::create(&mut tx, settings, employee_id, client_addr, now).await?;
    chain::append(
        &mut tx,
        db.backend(),
        Change::by(
            user,
            AuditAction::AccountPasswordChanged,
            "account",
            employee_id,
            Some(serde_json::json!({ "must_change_password": user.viewer.must_change_password })),
            Some(
                serde_json::json!({ "must_change_password": false, "other_sessions_ended": true }),
            ),
        )
        .about(&user.viewer.name),
        now,
    )
    .await?;
    throttle::clear(&mut tx, &nip_key).await?;
    tx.commit().await?;
    Ok(token)
}

/// Admin services give accounts one-time passwords on their own write transactions.
pub use super::repository::set_one_time_password;

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
