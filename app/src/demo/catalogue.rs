//! The static part of the demo dataset: Kepahiang's units (DOMAIN.md section 6) with
//! their internal structure, and fictional name parts. Units not confirmed by public
//! sources are flagged `illustrative` and shown as such.

/// A sub-unit (bidang/bagian) with its seksi/subbagian.
pub struct Division {
    pub name: &'static str,
    pub sections: &'static [&'static str],
}

/// The kind of technical units (UPT) a perangkat daerah runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Upt {
    None,
    Puskesmas,
    Schools,
}

pub struct Department {
    pub name: &'static str,
    pub head: &'static str,
    pub illustrative: bool,
    pub divisions: &'static [Division],
    /// Functional positions typical of this department, with a staffing weight.
    pub functional: &'static [(&'static str, u32)],
    pub upt: Upt,
}

const fn d(name: &'static str, sections: &'static [&'static str]) -> Division {
    Division { name, sections }
}

const SEKRETARIAT: Division = d(
    "Sekretariat",
    &[
        "Subbagian Umum dan Kepegawaian",
        "Subbagian Perencanaan dan Keuangan",
    ],
);

macro_rules! department {
    ($name:literal, $head:literal, $illustrative:literal, [$($div:expr),* $(,)?], [$($fname:literal => $w:literal),* $(,)?], $upt:expr) => {
        Department {
            name: $name,
            head: $head,
            illustrative: $illustrative,
            divisions: &[SEKRETARIAT, $($div),*],
            functional: &[$(($fname, $w)),*],
            upt: $upt,
        }
    };
}

/// Perangkat daerah under the Sekda (the Sekretariat Daerah itself is built apart).
pub const DEPARTMENTS: &[Department] = &[
    department!("Sekretariat DPRD", "Sekretaris DPRD", false, [
        d("Bagian Persidangan dan Perundang-undangan", &["Subbagian Persidangan", "Subbagian Perundang-undangan"]),
        d("Bagian Fasilitasi Penganggaran dan Pengawasan", &["Subbagian Penganggaran", "Subbagian Pengawasan"]),
    ], ["Analis Kebijakan" => 2, "Pranata Humas" => 1], Upt::None),
    department!("Inspektorat Daerah", "Inspektur Daerah", false, [
        d("Inspektur Pembantu Wilayah I", &[]),
        d("Inspektur Pembantu Wilayah II", &[]),
        d("Inspektur Pembantu Wilayah III", &[]),
        d("Inspektur Pembantu Wilayah IV", &[]),
    ], ["Auditor" => 4, "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah" => 3], Upt::None),
    department!("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Kepala BKPSDM", false, [
        d("Bidang Pengadaan, Pemberhentian dan Informasi", &["Subbidang Pengadaan", "Subbidang Data dan Informasi"]),
        d("Bidang Mutasi dan Promosi", &["Subbidang Mutasi", "Subbidang Promosi"]),
        d("Bidang Pengembangan Kompetensi", &["Subbidang Diklat", "Subbidang Penilaian Kinerja Aparatur"]),
    ], ["Analis Sumber Daya Manusia Aparatur" => 4, "Pranata Komputer" => 1], Upt::None),
    department!("Badan Keuangan Daerah", "Kepala Badan Keuangan Daerah", false, [
        d("Bidang Anggaran", &["Subbidang Anggaran Belanja", "Subbidang Anggaran Pendapatan"]),
        d("Bidang Perbendaharaan", &["Subbidang Belanja Langsung", "Subbidang Belanja Tidak Langsung"]),
        d("Bidang Akuntansi dan Aset", &["Subbidang Akuntansi", "Subbidang Aset"]),
    ], ["Analis Keuangan Pusat dan Daerah" => 3, "Penata Kelola Aset" => 1], Upt::None),
    department!("Badan Kesatuan Bangsa dan Politik", "Kepala Kesbangpol", false, [
        d("Bidang Ideologi dan Wawasan Kebangsaan", &["Subbidang Ideologi"]),
        d("Bidang Politik Dalam Negeri", &["Subbidang Politik"]),
    ], ["Analis Kebijakan" => 1], Upt::None),
    department!("Badan Penanggulangan Bencana Daerah", "Kepala Pelaksana BPBD", false, [
        d("Bidang Pencegahan dan Kesiapsiagaan", &["Seksi Pencegahan", "Seksi Kesiapsiagaan"]),
        d("Bidang Kedaruratan dan Logistik", &["Seksi Kedaruratan", "Seksi Logistik"]),
        d("Bidang Rehabilitasi dan Rekonstruksi", &["Seksi Rehabilitasi", "Seksi Rekonstruksi"]),
    ], ["Analis Bencana" => 2], Upt::None),
    department!("Badan Perencanaan Pembangunan Daerah", "Kepala Bappeda", false, [
        d("Bidang Perencanaan Pemerintahan dan Pembangunan Manusia", &["Subbidang Pemerintahan", "Subbidang Pembangunan Manusia"]),
        d("Bidang Perekonomian dan Sumber Daya Alam", &["Subbidang Perekonomian", "Subbidang Sumber Daya Alam"]),
        d("Bidang Infrastruktur dan Kewilayahan", &["Subbidang Infrastruktur"]),
        d("Bidang Penelitian dan Pengembangan", &["Subbidang Inovasi Daerah"]),
    ], ["Perencana" => 4], Upt::None),
    department!("Dinas Kesehatan", "Kepala Dinas Kesehatan", false, [
        d("Bidang Kesehatan Masyarakat", &["Seksi Kesehatan Keluarga dan Gizi", "Seksi Promosi Kesehatan"]),
        d("Bidang Pencegahan dan Pengendalian Penyakit", &["Seksi Surveilans dan Imunisasi", "Seksi Penyakit Menular"]),
        d("Bidang Pelayanan dan Sumber Daya Kesehatan", &["Seksi Pelayanan Kesehatan", "Seksi Kefarmasian dan Alat Kesehatan"]),
    ], ["Administrator Kesehatan" => 2, "Epidemiolog Kesehatan" => 1], Upt::Puskesmas),
    department!("RSUD Kepahiang", "Direktur RSUD", false, [
        d("Bidang Pelayanan Medik", &["Seksi Pelayanan Medik", "Seksi Penunjang Medik"]),
        d("Bidang Keperawatan", &["Seksi Asuhan Keperawatan", "Seksi Mutu Keperawatan"]),
    ], ["Dokter" => 6, "Perawat" => 20, "Bidan" => 8, "Apoteker" => 2, "Pranata Laboratorium Kesehatan" => 3, "Perekam Medis" => 2], Upt::None),
    department!("Dinas Pendidikan dan Kebudayaan", "Kepala Dinas Pendidikan dan Kebudayaan", false, [
        d("Bidang Pembinaan Sekolah Dasar", &["Seksi Kurikulum SD", "Seksi Peserta Didik SD"]),
        d("Bidang Pembinaan Sekolah Menengah Pertama", &["Seksi Kurikulum SMP", "Seksi Peserta Didik SMP"]),
        d("Bidang Pendidikan Anak Usia Dini dan Nonformal", &["Seksi PAUD"]),
        d("Bidang Kebudayaan", &["Seksi Cagar Budaya", "Seksi Kesenian"]),
    ], ["Pengawas Sekolah" => 3, "Pamong Belajar" => 1], Upt::Schools),
    department!("Dinas Lingkungan Hidup", "Kepala Dinas Lingkungan Hidup", false, [
        d("Bidang Pengelolaan Sampah", &["Seksi Pengurangan Sampah", "Seksi Penanganan Sampah"]),
        d("Bidang Penataan dan Pengendalian Lingkungan", &["Seksi Pengendalian Pencemaran"]),
    ], ["Pengendali Dampak Lingkungan" => 2], Upt::None),
    department!("Dinas Pertanian", "Kepala Dinas Pertanian", false, [
        d("Bidang Tanaman Pangan dan Hortikultura", &["Seksi Produksi Tanaman Pangan", "Seksi Hortikultura"]),
        d("Bidang Perkebunan", &["Seksi Produksi Perkebunan", "Seksi Pengolahan Hasil Perkebunan"]),
        d("Bidang Penyuluhan", &["Seksi Kelembagaan Penyuluhan"]),
    ], ["Penyuluh Pertanian" => 10, "Pengawas Mutu Hasil Pertanian" => 1], Upt::None),
    department!("Dinas Komunikasi, Informatika dan Persandian", "Kepala Dinas Kominfo", false, [
        d("Bidang Informasi dan Komunikasi Publik", &["Seksi Pengelolaan Informasi Publik"]),
        d("Bidang Aplikasi Informatika", &["Seksi Layanan E-Government", "Seksi Infrastruktur TIK"]),
        d("Bidang Persandian dan Statistik", &["Seksi Persandian"]),
    ], ["Pranata Komputer" => 3, "Pranata Humas" => 2, "Statistisi" => 1], Upt::None),
    department!("Dinas Perindustrian dan Tenaga Kerja", "Kepala Disperinnaker", false, [
        d("Bidang Perindustrian", &["Seksi Industri Agro"]),
        d("Bidang Tenaga Kerja", &["Seksi Penempatan Tenaga Kerja", "Seksi Hubungan Industrial"]),
    ], ["Pengantar Kerja" => 2, "Mediator Hubungan Industrial" => 1], Upt::None),
    department!("Satuan Polisi Pamong Praja dan Pemadam Kebakaran", "Kepala Satpol PP dan Damkar", false, [
        d("Bidang Penegakan Peraturan Daerah", &["Seksi Penyelidikan dan Penyidikan"]),
        d("Bidang Ketertiban Umum", &["Seksi Operasi dan Pengendalian"]),
        d("Bidang Pemadam Kebakaran", &["Seksi Operasional Pemadaman", "Seksi Sarana dan Prasarana Damkar"]),
    ], ["Polisi Pamong Praja" => 10, "Analis Kebakaran" => 4], Upt::None),
    department!("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Kepala DPMPTSP", false, [
        d("Bidang Pelayanan Perizinan", &["Seksi Perizinan Usaha", "Seksi Perizinan Non-Usaha"]),
        d("Bidang Penanaman Modal", &["Seksi Promosi Penanaman Modal", "Seksi Pengendalian Penanaman Modal"]),
        d("Bidang Pengaduan dan Informasi", &["Seksi Pengaduan Layanan"]),
    ], ["Penata Perizinan" => 4, "Analis Investasi" => 1], Upt::None),
    department!("Dinas Kependudukan dan Pencatatan Sipil", "Kepala Dinas Dukcapil", false, [
        d("Bidang Pelayanan Pendaftaran Penduduk", &["Seksi Identitas Penduduk", "Seksi Pindah Datang"]),
        d("Bidang Pelayanan Pencatatan Sipil", &["Seksi Kelahiran dan Kematian", "Seksi Perkawinan dan Perceraian"]),
        d("Bidang Pengelolaan Informasi Administrasi Kependudukan", &["Seksi Sistem Informasi"]),
    ], ["Administrator Database Kependudukan" => 3], Upt::None),
    department!("Dinas Pekerjaan Umum dan Penataan Ruang", "Kepala Dinas PUPR", true, [
        d("Bidang Bina Marga", &["Seksi Pembangunan Jalan", "Seksi Pemeliharaan Jalan"]),
        d("Bidang Sumber Daya Air", &["Seksi Irigasi"]),
        d("Bidang Penataan Ruang", &["Seksi Perencanaan Tata Ruang"]),
    ], ["Teknik Jalan dan Jembatan" => 3, "Penata Ruang" => 1], Upt::None),
    department!("Dinas Sosial", "Kepala Dinas Sosial", true, [
        d("Bidang Rehabilitasi dan Perlindungan Sosial", &["Seksi Rehabilitasi Sosial"]),
        d("Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin", &["Seksi Penanganan Fakir Miskin"]),
    ], ["Pekerja Sosial" => 3, "Penyuluh Sosial" => 1], Upt::None),
    department!("Dinas Perhubungan", "Kepala Dinas Perhubungan", true, [
        d("Bidang Lalu Lintas dan Angkutan", &["Seksi Angkutan", "Seksi Keselamatan"]),
    ], ["Penguji Kendaraan Bermotor" => 2], Upt::None),
    department!("Dinas Pemberdayaan Masyarakat dan Desa", "Kepala DPMD", true, [
        d("Bidang Pemerintahan Desa", &["Seksi Administrasi Desa"]),
        d("Bidang Pemberdayaan Masyarakat", &["Seksi Kelembagaan Masyarakat"]),
    ], ["Penggerak Swadaya Masyarakat" => 2], Upt::None),
    department!("Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak", "Kepala Dinas P2KBP3A", true, [
        d("Bidang Keluarga Berencana", &["Seksi Advokasi dan Penggerakan"]),
        d("Bidang Perlindungan Perempuan dan Anak", &["Seksi Perlindungan Anak"]),
    ], ["Penyuluh Keluarga Berencana" => 5], Upt::None),
    department!("Dinas Perpustakaan dan Kearsipan", "Kepala Dinas Perpustakaan dan Kearsipan", true, [
        d("Bidang Perpustakaan", &["Seksi Layanan Perpustakaan"]),
        d("Bidang Kearsipan", &["Seksi Pengelolaan Arsip"]),
    ], ["Pustakawan" => 2, "Arsiparis" => 2], Upt::None),
    department!("Dinas Koperasi, Usaha Kecil Menengah dan Perdagangan", "Kepala Dinas Koperasi UKM dan Perdagangan", true, [
        d("Bidang Koperasi dan UKM", &["Seksi Pemberdayaan UKM"]),
        d("Bidang Perdagangan", &["Seksi Pasar dan Metrologi"]),
    ], ["Pengawas Koperasi" => 1, "Penera" => 1], Upt::None),
    department!("Dinas Pariwisata, Pemuda dan Olahraga", "Kepala Dinas Pariwisata, Pemuda dan Olahraga", true, [
        d("Bidang Pariwisata", &["Seksi Destinasi Wisata"]),
        d("Bidang Pemuda dan Olahraga", &["Seksi Pembinaan Olahraga"]),
    ], ["Adyatama Kepariwisataan dan Ekonomi Kreatif" => 1], Upt::None),
    department!("Dinas Ketahanan Pangan dan Perikanan", "Kepala Dinas Ketahanan Pangan dan Perikanan", true, [
        d("Bidang Ketersediaan dan Distribusi Pangan", &["Seksi Distribusi Pangan"]),
        d("Bidang Perikanan", &["Seksi Budidaya Ikan"]),
    ], ["Analis Ketahanan Pangan" => 1, "Penyuluh Perikanan" => 2], Upt::None),
    department!("Badan Pendapatan Daerah", "Kepala Bapenda", true, [
        d("Bidang Pajak Daerah", &["Subbidang Pendataan dan Penetapan", "Subbidang Penagihan"]),
        d("Bidang Retribusi dan Pendapatan Lain", &["Subbidang Retribusi"]),
    ], ["Analis Pendapatan Daerah" => 2], Upt::None),
    department!("Badan Riset dan Inovasi Daerah", "Kepala BRIDA", true, [
        d("Bidang Riset dan Inovasi", &["Subbidang Inovasi Pelayanan Publik"]),
    ], ["Peneliti" => 1, "Perekayasa" => 1], Upt::None),
    department!("Dinas Perumahan dan Kawasan Permukiman", "Kepala Dinas Perkim", true, [
        d("Bidang Perumahan", &["Seksi Rumah Tidak Layak Huni"]),
        d("Bidang Kawasan Permukiman", &["Seksi Prasarana Permukiman"]),
    ], ["Teknik Tata Bangunan dan Perumahan" => 2], Upt::None),
    department!("Dinas Pertanahan", "Kepala Dinas Pertanahan", true, [
        d("Bidang Penatagunaan Tanah", &["Seksi Pengadaan Tanah"]),
    ], ["Analis Pertanahan" => 1], Upt::None),
    department!("Dinas Peternakan dan Kesehatan Hewan", "Kepala Dinas Peternakan dan Kesehatan Hewan", true, [
        d("Bidang Peternakan", &["Seksi Produksi Ternak"]),
        d("Bidang Kesehatan Hewan", &["Seksi Pengendalian Penyakit Hewan"]),
    ], ["Medik Veteriner" => 2, "Paramedik Veteriner" => 2], Upt::None),
];

/// The Sekretariat Daerah: assistants (JPT) with their bagian (Administrator).
pub const SETDA_ASSISTANTS: &[(&str, &[Division])] = &[
    (
        "Asisten Pemerintahan dan Kesejahteraan Rakyat",
        &[
            d(
                "Bagian Tata Pemerintahan",
                &[
                    "Subbagian Administrasi Pemerintahan",
                    "Subbagian Otonomi Daerah",
                ],
            ),
            d(
                "Bagian Kesejahteraan Rakyat",
                &["Subbagian Bina Mental Spiritual"],
            ),
            d(
                "Bagian Hukum",
                &["Subbagian Perundang-undangan", "Subbagian Bantuan Hukum"],
            ),
        ],
    ),
    (
        "Asisten Perekonomian dan Pembangunan",
        &[
            d(
                "Bagian Perekonomian dan Sumber Daya Alam",
                &["Subbagian Perekonomian"],
            ),
            d(
                "Bagian Administrasi Pembangunan",
                &["Subbagian Pengendalian Pembangunan"],
            ),
            d(
                "Bagian Pengadaan Barang dan Jasa",
                &[
                    "Subbagian Pengelolaan Pengadaan",
                    "Subbagian Layanan Pengadaan Secara Elektronik",
                ],
            ),
        ],
    ),
    (
        "Asisten Administrasi Umum",
        &[
            d(
                "Bagian Umum",
                &["Subbagian Tata Usaha Pimpinan", "Subbagian Rumah Tangga"],
            ),
            d(
                "Bagian Organisasi",
                &[
                    "Subbagian Kelembagaan dan Analisis Jabatan",
                    "Subbagian Reformasi Birokrasi dan Akuntabilitas Kinerja",
                ],
            ),
            d(
                "Bagian Protokol dan Komunikasi Pimpinan",
                &["Subbagian Protokol"],
            ),
        ],
    ),
];

pub const KECAMATAN: &[&str] = &[
    "Kepahiang",
    "Tebat Karai",
    "Merigi",
    "Kabawetan",
    "Muara Kemumu",
    "Bermani Ilir",
    "Seberang Musi",
    "Ujan Mas",
];

pub const KECAMATAN_SECTIONS: &[&str] = &[
    "Seksi Pemerintahan",
    "Seksi Ketenteraman dan Ketertiban Umum",
    "Seksi Pemberdayaan Masyarakat Desa",
    "Seksi Kesejahteraan Sosial",
];

/// Staff (pelaksana) titles placed in every seksi/subbagian.
pub const PELAKSANA_TITLES: &[&str] = &[
    "Pengadministrasi Perkantoran",
    "Penata Layanan Operasional",
    "Pengolah Data dan Informasi",
    "Operator Layanan Operasional",
];

pub const PUSKESMAS_FUNCTIONAL: &[(&str, u32)] = &[
    ("Dokter", 2),
    ("Perawat", 7),
    ("Bidan", 7),
    ("Sanitarian", 1),
    ("Nutrisionis", 1),
    ("Pranata Laboratorium Kesehatan", 1),
];

pub const MALE_GIVEN: &[&str] = &[
    "Agus", "Ahmad", "Andi", "Arif", "Bambang", "Budi", "Dedi", "Deni", "Dodi", "Eko", "Fajar",
    "Feri", "Hadi", "Hendra", "Heri", "Ikhsan", "Irwan", "Iwan", "Joko", "Kurnia", "Lukman",
    "Mahmud", "Muhammad", "Nanda", "Rahmat", "Rian", "Rizki", "Robby", "Rudi", "Sapri", "Syaiful",
    "Taufik", "Tri", "Wahyu", "Yadi", "Yudi", "Zulkifli", "Darmawan", "Gilang", "Ilham",
];

pub const FEMALE_GIVEN: &[&str] = &[
    "Ani", "Ayu", "Desi", "Dewi", "Dian", "Eka", "Elis", "Fitri", "Hartini", "Indah", "Intan",
    "Lestari", "Lina", "Maya", "Mega", "Nadia", "Novi", "Nurul", "Putri", "Ratna", "Reni", "Rina",
    "Rini", "Sari", "Septi", "Siti", "Sri", "Tuti", "Wulan", "Yanti", "Yuli", "Yuni", "Zahra",
    "Anisa", "Citra", "Devi", "Evi", "Kartika", "Lusi", "Melati",
];

pub const FAMILY: &[&str] = &[
    "Pratama",
    "Hidayat",
    "Wijaya",
    "Kurniawan",
    "Setiawan",
    "Nugroho",
    "Saputra",
    "Permana",
    "Gunawan",
    "Santoso",
    "Hartono",
    "Firmansyah",
    "Syahputra",
    "Maulana",
    "Ramadhan",
    "Susilo",
    "Hakim",
    "Rahman",
    "Fauzi",
    "Anwar",
    "Rusdi",
    "Harahap",
    "Sembiring",
    "Siregar",
    "Lubis",
    "Putra",
    "Utama",
    "Suryadi",
    "Darmadi",
    "Effendi",
    "Irawan",
    "Purnama",
    "Halim",
    "Iskandar",
];

pub const FEMALE_FAMILY: &[&str] = &[
    "Rahmawati",
    "Susanti",
    "Lestari",
    "Handayani",
    "Yulianti",
    "Wulandari",
    "Safitri",
    "Puspita",
    "Anggraini",
    "Kusumawati",
    "Permatasari",
    "Oktaviani",
    "Marlina",
    "Novita",
    "Agustina",
    "Saputri",
];
