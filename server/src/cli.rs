//! The `sikap` command line: serve, seed, migrate, demo-accounts, check-config.
//! Arguments are few, so they are parsed by hand; messages are in Indonesian.

use std::fmt;

pub const USAGE: &str = "\
Penggunaan: sikap [PERINTAH] [OPSI]

Perintah:
  serve                 Menjalankan server (bawaan)
  seed                  Memuat data demo Kabupaten Kepahiang
      --employees N     jumlah pegawai ASN (bawaan 3000)
      --seed S          benih acak (bawaan 1708); benih sama, data sama
      --force           hapus data organisasi yang ada, lalu muat ulang
      --if-empty        lewati tanpa galat bila data sudah ada
  migrate               Menerapkan migrasi basis data lalu keluar
  demo-accounts         Menampilkan akun demo untuk masuk
  audit-verify          Memeriksa rantai hash jejak audit; keluar dengan kode 1 bila rusak
  evidence-verify       Membaca ulang setiap berkas bukti dukung dan mencocokkan SHA-256-nya;
                        keluar dengan kode 1 bila ada yang tidak cocok atau hilang
  grant-admin NIP       Menjadikan pegawai admin BKPSDM (admin pertama; tercatat di audit)
  check-config          Memeriksa Leptos.toml dan variabel lingkungan
  precompress           Membuat salinan brotli dan gzip berkas situs (sekali per build)
  help                  Menampilkan bantuan ini

Pengaturan dibaca dari Leptos.toml (atau SIKAP_CONFIG) dan variabel lingkungan
SIKAP_<BAGIAN>_<KUNCI>; basis data juga dari DATABASE_URL.";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Serve,
    Seed {
        employees: usize,
        seed: u64,
        force: bool,
        if_empty: bool,
    },
    Migrate,
    DemoAccounts,
    AuditVerify,
    EvidenceVerify,
    GrantAdmin(String),
    CheckConfig,
    Precompress,
    Help,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n\n{USAGE}", self.0)
    }
}

fn number<T: std::str::FromStr>(flag: &str, value: Option<String>) -> Result<T, UsageError> {
    let value =
        value.ok_or_else(|| UsageError(format!("{flag} membutuhkan angka, mis. {flag} 3000")))?;
    value.parse().map_err(|_| {
        UsageError(format!(
            "{flag} membutuhkan bilangan bulat positif, bukan {value:?}"
        ))
    })
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, UsageError> {
    let mut args = args.into_iter();
    let command = args.next();
    match command.as_deref() {
        None | Some("serve") => expect_end(args, Command::Serve),
        Some("migrate") => expect_end(args, Command::Migrate),
        Some("demo-accounts") => expect_end(args, Command::DemoAccounts),
        Some("audit-verify") => expect_end(args, Command::AuditVerify),
        Some("evidence-verify") => expect_end(args, Command::EvidenceVerify),
        Some("grant-admin") => match args.next() {
            Some(nip) => expect_end(args, Command::GrantAdmin(nip)),
            None => Err(UsageError(
                "grant-admin membutuhkan NIP, mis. sikap grant-admin 198503142010011001".into(),
            )),
        },
        Some("check-config") => expect_end(args, Command::CheckConfig),
        Some("precompress") => expect_end(args, Command::Precompress),
        Some("help" | "--help" | "-h") => Ok(Command::Help),
        Some("seed") => {
            let (mut employees, mut seed, mut force, mut if_empty) = (
                app::demo::DEFAULT_EMPLOYEES,
                app::demo::DEFAULT_SEED,
                false,
                false,
            );
            while let Some(flag) = args.next() {
                match flag.as_str() {
                    "--employees" => employees = number("--employees", args.next())?,
                    "--seed" => seed = number("--seed", args.next())?,
                    "--force" => force = true,
                    "--if-empty" => if_empty = true,
                    other => {
                        return Err(UsageError(format!(
                            "Opsi tidak dikenal untuk seed: {other}"
                        )))
                    }
                }
            }
            if force && if_empty {
                return Err(UsageError(
                    "--force dan --if-empty tidak dapat dipakai bersama".into(),
                ));
            }
            Ok(Command::Seed {
                employees,
                seed,
                force,
                if_empty,
            })
        }
        Some(other) => Err(UsageError(format!("Perintah tidak dikenal: {other}"))),
    }
}

fn expect_end(
    mut args: impl Iterator<Item = String>,
    command: Command,
) -> Result<Command, UsageError> {
    match args.next() {
        None => Ok(command),
        Some(extra) => Err(UsageError(format!("Argumen berlebih: {extra}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn commands_and_flags() {
        assert_eq!(p(&[]), Ok(Command::Serve));
        assert_eq!(
            p(&["seed", "--employees", "100000", "--force"]),
            Ok(Command::Seed {
                employees: 100000,
                seed: 1708,
                force: true,
                if_empty: false
            })
        );
        assert_eq!(p(&["demo-accounts"]), Ok(Command::DemoAccounts));
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(p(&["seed", "--employees", "banyak"])
            .unwrap_err()
            .0
            .contains("bilangan bulat"));
        assert!(p(&["seed", "--employees"])
            .unwrap_err()
            .0
            .contains("membutuhkan angka"));
        assert!(p(&["sed"])
            .unwrap_err()
            .0
            .contains("Perintah tidak dikenal: sed"));
        assert!(p(&["seed", "--force", "--if-empty"]).is_err());
        assert!(p(&["serve", "now"])
            .unwrap_err()
            .0
            .contains("Argumen berlebih"));
    }
}
