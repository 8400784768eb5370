# Bahasa Indonesia: the primary locale of SIKAP.
app-full-name = Sistem Informasi Kinerja Aparatur
nav-home = Beranda
nav-organisation = Organisasi
nav-about = Tentang
nav-main = Navigasi utama
lang-switch = English
lang-switch-label = Ganti bahasa ke English
skip-to-content = Lewati ke konten

home-title = Beranda
home-lead = Perencanaan, pelaporan, dan penilaian kinerja ASN { $instansi } dalam satu tempat: SKP tahunan, realisasi berkala dengan bukti dukung, umpan balik berkelanjutan dari atasan, dan keterbukaan kinerja perangkat daerah bagi masyarakat.
home-stat-units = Unit kerja
home-stat-positions = Jabatan
home-stat-employees = Pegawai ASN
home-stat-pppk = PPPK
home-by-kind = Pegawai menurut jenis jabatan
home-by-status = Pegawai menurut status
home-cycle-title = Siklus kinerja tahunan
home-cycle-plan = Perencanaan: pegawai menyusun SKP bersama atasan dalam dialog kinerja.
home-cycle-do = Pelaksanaan: realisasi dan bukti dukung setiap periode, umpan balik berkelanjutan.
home-cycle-rate = Penilaian: atasan menilai hasil kerja dan perilaku kerja BerAKHLAK.
home-cycle-follow = Tindak lanjut: penghargaan bagi kinerja terbaik, pembinaan bagi yang membutuhkan.
home-empty = Data kepegawaian belum dimuat. Jalankan perintah seed untuk memuat data demo.

kind-jpt = JPT
kind-administrator = Administrator
kind-pengawas = Pengawas
kind-pelaksana = Pelaksana
kind-fungsional = Fungsional
kind-kepala_daerah = Kepala Daerah
status-pns = PNS
status-pppk = PPPK
status-non_asn = Pejabat Negara

org-title = Organisasi
org-lead = Perangkat daerah dan unit kerja beserta jumlah pegawainya, termasuk seluruh sub-unit.
org-search-label = Cari unit kerja
org-search-placeholder = mis. Puskesmas, Bidang, Kecamatan
org-search-button = Cari
org-results = { $count } unit ditemukan
org-results-truncated = Hanya sebagian ditampilkan; persempit kata kunci untuk melihat unit lainnya.
org-no-results = Tidak ada unit yang cocok dengan “{ $query }”.
org-col-unit = Unit kerja
org-col-kind = Jenis
org-col-employees = Pegawai
org-illustrative = ilustratif
unitkind-pemda = Pemerintah Daerah
unitkind-perangkat_daerah = Perangkat Daerah
unitkind-bidang = Bidang/Bagian
unitkind-seksi = Seksi/Subbagian
unitkind-upt = UPT
unitkind-kecamatan = Kecamatan

about-title = Tentang SIKAP
about-body = SIKAP mengikuti PermenPANRB Nomor 6 Tahun 2022 tentang Pengelolaan Kinerja Pegawai ASN, nilai dasar BerAKHLAK, dan Survei Kepuasan Masyarakat (PermenPANRB Nomor 14 Tahun 2017).
about-privacy = Penilaian individu adalah data pribadi (UU Nomor 27 Tahun 2022). Halaman publik hanya menampilkan data agregat dari sekurang-kurangnya { $min } orang.
about-instance = Instansi: { $instansi } (kode wilayah { $region }).

loading = Memuat…
error-title = Terjadi kesalahan
error-request-id = Kode permintaan: { $id }
not-found-title = Halaman tidak ditemukan
not-found-body = Alamat yang Anda buka tidak ada atau sudah dipindahkan.
not-found-home = Kembali ke Beranda
