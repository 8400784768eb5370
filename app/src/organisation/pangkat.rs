//! Pangkat (rank) of a PNS golongan, as printed on official documents.

/// "Penata Muda (III/a)" for a PNS golongan, "Golongan IX" for PPPK, the text
/// itself for anything else.
pub fn pangkat_golongan(golongan: &str) -> String {
    let rank = match golongan.trim() {
        "I/a" => "Juru Muda",
        "I/b" => "Juru Muda Tingkat I",
        "I/c" => "Juru",
        "I/d" => "Juru Tingkat I",
        "II/a" => "Pengatur Muda",
        "II/b" => "Pengatur Muda Tingkat I",
        "II/c" => "Pengatur",
        "II/d" => "Pengatur Tingkat I",
        "III/a" => "Penata Muda",
        "III/b" => "Penata Muda Tingkat I",
        "III/c" => "Penata",
        "III/d" => "Penata Tingkat I",
        "IV/a" => "Pembina",
        "IV/b" => "Pembina Tingkat I",
        "IV/c" => "Pembina Utama Muda",
        "IV/d" => "Pembina Utama Madya",
        "IV/e" => "Pembina Utama",
        other if !other.is_empty() && !other.contains('/') => return format!("Golongan {other}"),
        other => return other.to_owned(),
    };
    format!("{rank} ({})", golongan.trim())
}

#[cfg(test)]
mod tests {
    use super::pangkat_golongan;

    #[test]
    fn pns_ranks_pppk_groups_and_blanks() {
        assert_eq!(pangkat_golongan("III/a"), "Penata Muda (III/a)");
        assert_eq!(pangkat_golongan("IV/c"), "Pembina Utama Muda (IV/c)");
        assert_eq!(pangkat_golongan("IX"), "Golongan IX");
        assert_eq!(pangkat_golongan(""), "");
    }
}
