//! Secrets: random tokens, their stored hashes, and argon2id password hashes.
//! Hashing runs on blocking threads: one argon2id hash is tens of milliseconds of CPU.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use blake2::{Blake2s256, Digest};
use std::sync::OnceLock;

/// A random 256-bit token as 64 hex characters (session cookies, import jobs).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The stored form of a token: a copy of the table cannot be replayed as a cookie.
pub fn token_hash(token: &str) -> String {
    hex(&Blake2s256::digest(token.as_bytes()))
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 0xf) as usize] as char);
    }
    out
}

/// Letters and digits that cannot be confused when read aloud or off paper.
const ONE_TIME_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479";

/// A one-time password for imported and reset accounts: 12 characters from a
/// 48-character alphabet (about 67 bits), with at least one digit.
pub fn one_time_password() -> String {
    loop {
        let mut bytes = [0u8; 12];
        OsRng.fill_bytes(&mut bytes);
        // 256 % 48 = 16: reject the biased top values.
        if bytes.iter().any(|b| *b >= 240) {
            continue;
        }
        let text: String = bytes
            .iter()
            .map(|b| ONE_TIME_ALPHABET[(*b as usize) % ONE_TIME_ALPHABET.len()] as char)
            .collect();
        if text.chars().any(|c| c.is_ascii_digit()) && text.chars().any(char::is_alphabetic) {
            return text;
        }
    }
}

/// How hard a stored password is to guess offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashStrength {
    /// Passwords people choose: argon2id with the OWASP parameters (19 MiB, t=2).
    Chosen,
    /// Random one-time passwords (67 bits): a light argon2id (1 MiB, t=1) is
    /// enough against guessing and lets 5,000 imported accounts hash in seconds.
    OneTime,
}

fn hasher(strength: HashStrength) -> Argon2<'static> {
    let params = match strength {
        HashStrength::Chosen => Params::default(),
        HashStrength::OneTime => Params::new(1024, 1, 1, None).expect("valid argon2 parameters"),
    };
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password_blocking(password: &str, strength: HashStrength) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher(strength)
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub async fn hash_password(password: &str, strength: HashStrength) -> Result<String, String> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || hash_password_blocking(&password, strength))
        .await
        .map_err(|e| e.to_string())?
}

/// A hash no password matches, verified when the NIP is unknown so a failed log-in
/// takes the same time whether or not the account exists.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_password_blocking(&random_token(), HashStrength::Chosen)
            .expect("argon2 hashes a random token")
    })
}

/// Checks `password` against `stored` (or against the dummy hash when there is no
/// account), always doing the full argon2 work.
pub async fn verify_password(password: &str, stored: Option<String>) -> bool {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        known && matches
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let a = random_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token());
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn one_time_passwords_use_the_readable_alphabet() {
        for _ in 0..50 {
            let p = one_time_password();
            assert_eq!(p.len(), 12);
            assert!(p.bytes().all(|b| ONE_TIME_ALPHABET.contains(&b)), "{p}");
        }
    }

    #[tokio::test]
    async fn both_strengths_verify_and_wrong_passwords_fail() {
        for strength in [HashStrength::Chosen, HashStrength::OneTime] {
            let hash = hash_password("Kopi-Kepahiang-1", strength).await.unwrap();
            assert!(verify_password("Kopi-Kepahiang-1", Some(hash.clone())).await);
            assert!(!verify_password("kopi-kepahiang-1", Some(hash)).await);
        }
        assert!(!verify_password("anything", None).await);
    }
}
