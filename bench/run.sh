#!/usr/bin/env bash
# SIKAP benchmarks, called by `./sikap bench [--skip-cold]`. Prints one number per
# line; every number is measured in this run on this machine.
#   cold build   release build (server + WASM) with an empty target folder
#   warm build   the same after touching app/src/lib.rs
#   wasm size    release WASM, raw and brotli -q 11 (what a phone downloads)
#   start time   process start to first 200 from /healthz (median of 5)
#   seed         demo data load of 3,000 and of 100,000 employees (SQLite)
#   downloads    per page: WASM + JS + CSS before interactive (brotli) and the time to
#                interactive on a throttled phone profile (end2end/tests/budget.spec.ts)
#   Lighthouse   mobile preset, median of 3, on home, log-in, SKP editor, team page
#   requests/s   anonymous home page and the signed-in SKP editor, each vs a bare Axum
#                handler serving the same bytes (wrk, same run)
#   import       CSV import of 5,000 new employees: dry run, apply (one transaction,
#                5,000 one-time passwords hashed), re-import dry run, audit verify
#   writes       plan saves per second: 1 writer × 50, 50 writers × 4, 200 writers × 2
#                at once (SQLite, and PostgreSQL when installed)
#   penilaian    a unit of 1,000 finalised evaluations: the distribution recounted by
#                the server and by the browser's rule, the scoring form rendered, an
#                autosave of the whole form (SQLite, and PostgreSQL when installed)
#   feedback     1,000 signed-in readers of live threads over two servers on one
#                PostgreSQL, 50 messages/s for 20 s posted through the other server:
#                delivery latency p50/p99/max, lost and duplicated, memory per idle
#                connection (PostgreSQL only)
#   SKP views    on the 3,000 demo (with its demo plans): the SKP PDF (Typst), the
#                Matriks Peran Hasil and the kabupaten cascade page (median of 10)
#   evidence     10 MB and 100 MB uploads as the demo pelapor (median of 3) with the
#                server's memory before and at its peak, a download, and `sikap evidence-verify`
#                over 10,000 objects of 100 KB (median of 3)
#   at scale     on 100,000 employees (SQLite): each page's time as its role (median of
#                5), then 8 kabupaten cascades at once: their times and the server's peak
#                memory (VmHWM); the same on PostgreSQL with BENCH_PG_EMPLOYEES=N
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SKIP_COLD=0
[ "${1:-}" = "--skip-cold" ] && SKIP_COLD=1
BIN="$CARGO_TARGET_DIR/release/sikap"
WORK=$(mktemp -d /tmp/sikap-bench.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
# Evidence files of every instance this benchmark starts stay in its folder.
export SIKAP_UPLOADS_STORE_PATH="$WORK/bukti"
now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
report() { printf '%-34s %s\n' "$1" "$2"; }
wait_ok() { for _ in $(seq 1 600); do curl -fs -o /dev/null "$1" && return 0; sleep 0.01; done; return 1; }

echo "SIKAP benchmark — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(rustc --version)"

if [ "$SKIP_COLD" -eq 0 ]; then
  echo "cold build: empty target folder, about 10 minutes on 2 cores…" >&2
  start=$(now_ms)
  CARGO_TARGET_DIR="$WORK/cold-target" cargo leptos build --release --split >"$WORK/cold.log" 2>&1 || { tail -30 "$WORK/cold.log"; exit 1; }
  report "cold release build" "$(( ($(now_ms) - start) / 1000 )) s"
  rm -rf "$WORK/cold-target"
fi

cargo leptos build --release --split >/dev/null 2>&1
touch app/src/lib.rs
start=$(now_ms)
cargo leptos build --release --split >"$WORK/warm.log" 2>&1 || { tail -30 "$WORK/warm.log"; exit 1; }
report "warm release build (app changed)" "$(( ($(now_ms) - start) / 1000 )) s"
start=$(now_ms)
cargo leptos build --release --split >/dev/null 2>&1
report "no-op release build" "$(( ($(now_ms) - start) / 1000 )) s"

"$BIN" precompress >/dev/null
site_file() { # kind → the built file under its hashed name (hash.txt beside the binary)
  local hash
  hash=$(awk -v kind="$1" -F': *' '$1 == kind { print $2 }' "$CARGO_TARGET_DIR/release/hash.txt" 2>/dev/null)
  echo "$LEPTOS_SITE_ROOT/pkg/sikap.${hash:+$hash.}$1"
}
wasm=$(site_file wasm)
raw=$(stat -c %s "$wasm")
br=$(stat -c %s "$wasm.br")
report "WASM (islands) raw" "$(( raw / 1024 )) KiB ($raw bytes)"
report "WASM (islands) as sent, brotli" "$(( br / 1024 )) KiB ($br bytes)"
report "JS glue, brotli" "$(stat -c %s "$(site_file js).br") bytes"
report "CSS, brotli" "$(stat -c %s "$(site_file css).br") bytes"

echo "per page, downloaded before interactive and time to interactive (Playwright, Chromium):" >&2
E2E_SIKAP_BIN="$BIN" E2E_PORT=$(free_port) npx playwright test -c end2end budget.spec.ts --project chromium --reporter line 2>&1 \
  | sed -n '/^Downloaded before interactive/,/^$/p'

lighthouse_accounts="$WORK/lighthouse-accounts.txt"
lighthouse_port=$(free_port)
E2E_SIKAP_BIN="$BIN" E2E_PORT=$lighthouse_port E2E_ACCOUNTS=$lighthouse_accounts bash end2end/serve.sh >"$WORK/lighthouse.log" 2>&1 &
PIDS+=($!)
wait_ok "http://127.0.0.1:$lighthouse_port/healthz"
node end2end/lighthouse.mjs "http://127.0.0.1:$lighthouse_port" "$lighthouse_accounts" || true
kill "${PIDS[-1]}" 2>/dev/null || true

# The same environment cargo-leptos builds the server with, so cargo reuses that
# build and only links these two binaries.
LEPTOS_OUTPUT_NAME=sikap LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_SITE_ADDR=127.0.0.1:3000 \
  LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend LEPTOS_BIN_DIR=server LEPTOS_JS_MINIFY=true \
  LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt \
  cargo build --release -p server --bin baseline_server --bin import_bench --bin write_bench --bin penilaian_bench --bin feedback_load --no-default-features >/dev/null 2>&1
"$CARGO_TARGET_DIR/release/import_bench" 5000 | sed 's/^/import: /'
"$CARGO_TARGET_DIR/release/write_bench" | sed 's/^/writes: /'
"$CARGO_TARGET_DIR/release/penilaian_bench" | sed 's/^/penilaian: /'

export SIKAP_DATABASE_URL="sqlite://$WORK/large.db"
start=$(now_ms)
"$BIN" seed --employees 100000 >/dev/null 2>&1
report "seed 100,000 employees (SQLite)" "$(( $(now_ms) - start )) ms"
export SIKAP_DATABASE_URL="sqlite://$WORK/bench.db"
start=$(now_ms)
"$BIN" seed >/dev/null 2>&1
report "seed 3,000 employees (SQLite)" "$(( $(now_ms) - start )) ms"

starts=()
for _ in 1 2 3 4 5; do
  port=$(free_port)
  start=$(now_ms)
  SIKAP_INSTANCE_SITE_ADDR="127.0.0.1:$port" "$BIN" serve >/dev/null 2>&1 &
  pid=$!
  wait_ok "http://127.0.0.1:$port/healthz"
  starts+=($(( $(now_ms) - start )))
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
median=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)
report "server start to healthy (median/5)" "$median ms"

port=$(free_port)
# A 100 MB upload limit for the evidence measurement below (nothing else uploads).
SIKAP_UPLOADS_MAX_FILE_MB=100 SIKAP_INSTANCE_SITE_ADDR="127.0.0.1:$port" SIKAP_INSTANCE_PUBLIC_URL="http://127.0.0.1:$port" RUST_LOG=warn "$BIN" serve >/dev/null 2>&1 &
server_pid=$!
PIDS+=($server_pid)
wait_ok "http://127.0.0.1:$port/healthz"
curl -fs -H 'Cookie: sikap_lang=id' -o "$WORK/home.html" "http://127.0.0.1:$port/"
base_port=$(free_port)
"$CARGO_TARGET_DIR/release/baseline_server" "127.0.0.1:$base_port" "$WORK/home.html" &
PIDS+=($!)
wait_ok "http://127.0.0.1:$base_port/"
rps() { wrk -t1 -c16 -d10s -H 'Cookie: sikap_lang=id' "$1" | awk '/Requests\/sec/ {print $2}'; }
wrk -t1 -c16 -d2s -H 'Cookie: sikap_lang=id' "http://127.0.0.1:$port/" >/dev/null
sikap_rps=$(rps "http://127.0.0.1:$port/")
bare_rps=$(rps "http://127.0.0.1:$base_port/")
report "home page bytes" "$(stat -c %s "$WORK/home.html")"
report "home page req/s (SIKAP SSR)" "$sikap_rps"
report "same bytes req/s (bare Axum)" "$bare_rps"
report "ratio SIKAP / bare (home)" "$(python3 -c "print(f'{$sikap_rps / $bare_rps:.3f}')")"

# SKP views as the demo atasan (PDF of their own plan, their matrix) and admin (cascade).
year=$(TZ=Asia/Jakarta date +%Y)
nip_of() { "$BIN" demo-accounts | awk -v role="$1" '$0 ~ "^  "role" " {for (i = 1; i <= NF; i++) if ($i == "NIP") print $(i + 1)}'; }
log_in() {
  curl -fs -c "$WORK/$1.cookies" -o /dev/null -H "Origin: http://127.0.0.1:$port" -H 'Accept: application/json' \
    --data "nip=$(nip_of "$1")&password=Kepahiang-Demo-2026" "http://127.0.0.1:$port/api/log_in"
}
median_ms() { # cookie-jar url → median of 10 requests, in ms
  for _ in $(seq 1 10); do
    curl -fs -b "$WORK/$1.cookies" -o /dev/null -w '%{time_total}\n' "$2"
  done | sort -n | sed -n 5p | awk '{printf "%.1f", $1 * 1000}'
}
log_in atasan
log_in admin
log_in pegawai
# The signed-in SKP editor against a bare handler serving the same bytes.
cookie_of() { awk '$6 == "sikap_session" { print "sikap_session=" $7 }' "$WORK/$1.cookies"; }
curl -fs -b "$WORK/pegawai.cookies" -H 'Cookie: sikap_lang=id' -o "$WORK/editor.html" "http://127.0.0.1:$port/skp/$year"
grep -q 'leptos-island' "$WORK/editor.html" || { echo "the pegawai's SKP page has no editor" >&2; exit 1; }
editor_port=$(free_port)
"$CARGO_TARGET_DIR/release/baseline_server" "127.0.0.1:$editor_port" "$WORK/editor.html" &
PIDS+=($!)
wait_ok "http://127.0.0.1:$editor_port/"
editor_rps=$(wrk -t1 -c16 -d10s -H "Cookie: sikap_lang=id; $(cookie_of pegawai)" "http://127.0.0.1:$port/skp/$year" | awk '/Requests\/sec/ {print $2}')
editor_bare=$(rps "http://127.0.0.1:$editor_port/")
report "SKP editor bytes" "$(stat -c %s "$WORK/editor.html")"
report "SKP editor req/s (signed in)" "$editor_rps"
report "same bytes req/s (bare Axum)" "$editor_bare"
report "ratio SIKAP / bare (editor)" "$(python3 -c "print(f'{$editor_rps / $editor_bare:.3f}')")"
atasan_id=$(curl -fs -b "$WORK/atasan.cookies" -H "Origin: http://127.0.0.1:$port" -H 'Accept: application/json' -X POST "http://127.0.0.1:$port/api/get_viewer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["employee_id"])')
pdf_url="http://127.0.0.1:$port/skp/$year/pegawai/$atasan_id/dokumen.pdf"
curl -fs -b "$WORK/atasan.cookies" -o "$WORK/skp.pdf" "$pdf_url"
report "SKP PDF size" "$(( $(stat -c %s "$WORK/skp.pdf") / 1024 )) KiB"
report "SKP PDF (Typst), median/10" "$(median_ms atasan "$pdf_url") ms"
report "Matriks Peran Hasil page, median/10" "$(median_ms atasan "http://127.0.0.1:$port/skp/$year/matriks") ms"
report "kabupaten cascade page, median/10" "$(median_ms admin "http://127.0.0.1:$port/skp/$year/kaskade") ms"
report "cascade page bytes" "$(curl -fs -b "$WORK/admin.cookies" "http://127.0.0.1:$port/skp/$year/kaskade" | wc -c)"

# Evidence: files of just under 10 MB and of 100 MB (the server runs with a 100 MB
# limit) sent through the upload route as the demo pelapor (three different files
# each, median), the server's resident memory before and its peak during each size's
# uploads (VmHWM, reset first: flat if the upload streams), and one file's download.
pelapor_nip=$("$BIN" demo-accounts | grep -F 'pegawai (realisasi)' | grep -o 'NIP [0-9]*' | cut -d' ' -f2)
curl -fs -c "$WORK/pelapor.cookies" -o /dev/null -H "Origin: http://127.0.0.1:$port" -H 'Accept: application/json' \
  --data "nip=$pelapor_nip&password=Kepahiang-Demo-2026" "http://127.0.0.1:$port/api/log_in"
api() { curl -fs -b "$WORK/pelapor.cookies" -H "Origin: http://127.0.0.1:$port" -H 'Accept: application/json' --data "$2" "http://127.0.0.1:$port/api/$1"; }
period_id=$(api get_year_realisasi "year=$year" | python3 -c 'import json,sys; print(json.load(sys.stdin)["periods"][-1]["period"]["id"])')
rhk_id=$(api get_realisasi "period_id=$period_id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rhk"][0]["rhk_id"])')
upload_size() { # MiB → three uploads of that size: time, throughput, memory
  local mib=$1 n uploads=() rss_before upload_s
  rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
  echo 5 > "/proc/$server_pid/clear_refs" 2>/dev/null || true
  for n in 1 2 3; do
    { printf '%%PDF-1.4\n'; head -c $((mib * 1048576 - 32)) /dev/urandom; printf '\n%%%%EOF\n'; } > "$WORK/besar-$n.pdf"
    uploads+=("$(curl -fs -b "$WORK/pelapor.cookies" -H "Origin: http://127.0.0.1:$port" -o "$WORK/upload-$mib-$n.txt" -w '%{time_total}' \
      -F "berkas=@$WORK/besar-$n.pdf;filename=besar-$mib-$n.pdf;type=application/pdf" \
      "http://127.0.0.1:$port/realisasi/$period_id/bukti?rhk=$rhk_id&iki=0")")
  done
  upload_s=$(printf '%s\n' "${uploads[@]}" | sort -n | sed -n 2p)
  report "upload of a $mib MB PDF, median/3" "$(python3 -c "print(f'{$upload_s * 1000:.0f} ms, {$mib / $upload_s:.0f} MB/s')")"
  report "server memory: before / peak" "$(( rss_before / 1024 )) MB / $(( $(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status") / 1024 )) MB"
}
upload_size 10
upload_size 100
evidence_id=$(cat "$WORK/upload-100-1.txt")
report "download of the 100 MB file" "$(curl -fs -b "$WORK/pelapor.cookies" -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/bukti/$evidence_id" | awk '{printf "%.0f ms", $1 * 1000}')"

# `sikap evidence-verify` over 10,000 objects of 100 KB (random bytes, stored the way
# the store names them, and recorded in the database): median of 3.
verify_store="$WORK/verify-store"
SIKAP_DATABASE_URL="sqlite://$WORK/verify.db" "$BIN" migrate >/dev/null 2>&1
python3 - "$verify_store" "$WORK/verify.db" <<'PY'
import hashlib, os, sqlite3, sys
store, db = sys.argv[1], sys.argv[2]
rows = []
for _ in range(10_000):
    data = os.urandom(100 * 1024)
    digest = hashlib.sha256(data).hexdigest()
    folder = os.path.join(store, "objects", digest[:2])
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, digest), "wb") as f:
        f.write(data)
    rows.append((digest, len(data), "pdf", 0))
conn = sqlite3.connect(db)
conn.executemany("INSERT INTO evidence_objects (sha256, size, kind, created_at) VALUES (?, ?, ?, ?)", rows)
conn.commit()
PY
verify_runs=()
for _ in 1 2 3; do
  start=$(now_ms)
  SIKAP_DATABASE_URL="sqlite://$WORK/verify.db" SIKAP_UPLOADS_STORE_PATH="$verify_store" "$BIN" evidence-verify >/dev/null 2>&1
  verify_runs+=($(( $(now_ms) - start )))
done
report "evidence-verify, 10,000 × 100 KB, median/3" "$(printf '%s\n' "${verify_runs[@]}" | sort -n | sed -n 2p) ms"
rm -rf "$verify_store" "$WORK"/besar-*.pdf

# At scale: each page as its role (median of 5), then 8 kabupaten cascades at once
# and the server's peak memory, on the instance at $2 (label $1).
at_scale() {
  kill "${PIDS[@]}" 2>/dev/null || true
  export SIKAP_DATABASE_URL="$2"
  port=$(free_port)
  SIKAP_INSTANCE_SITE_ADDR="127.0.0.1:$port" SIKAP_INSTANCE_PUBLIC_URL="http://127.0.0.1:$port" RUST_LOG=warn "$BIN" serve >/dev/null 2>&1 &
  server_pid=$!
  PIDS+=($server_pid)
  wait_ok "http://127.0.0.1:$port/healthz"
  for role in pegawai atasan admin pimpinan; do log_in "$role"; done
  rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
  # First, on the fresh server: the kabupaten-wide figures are not counted yet
  # (platform::aggregates), so these requests wait for the counting.
  start=$(now_ms)
  for _ in 1 2 3 4 5 6 7 8; do
    curl -fs -b "$WORK/admin.cookies" -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/skp/$year/kaskade" &
  done | sort -n | awk '{printf "%.0f ", $1 * 1000} END {print ""}' > "$WORK/eight.txt"
  # (The pipe ends when the last curl has answered; no `wait`: the servers are jobs too.)
  report "8 kabupaten cascades at once on a fresh server, each" "$(cat "$WORK/eight.txt")ms (all done in $(( $(now_ms) - start )) ms)"
  report "leadership overview, first request" "$(curl -fs -b "$WORK/pimpinan.cookies" -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/pimpinan" | awk '{printf "%.0f", $1 * 1000}') ms"
  # One perangkat daerah's view: the first unit the kabupaten cascade links to.
  unit=$(curl -fs -b "$WORK/admin.cookies" "http://127.0.0.1:$port/skp/$year/kaskade" | grep -o 'kaskade?unit=[0-9]*' | head -n 1 | cut -d= -f2)
  echo "at $1, median of 5, ms:" >&2
  median5() { for _ in 1 2 3 4 5; do curl -fs -b "$WORK/$1.cookies" -o /dev/null -w '%{time_total}\n' "$2"; done | sort -n | sed -n 3p | awk '{printf "%.0f", $1 * 1000}'; }
  for page in "anonymous /" "anonymous /organisasi" "anonymous /organisasi?q=dinas" "anonymous /tentang" "anonymous /masuk" \
    "pegawai /saya" "pegawai /skp" "pegawai /skp/$year" "atasan /tim" "atasan /skp/$year/matriks" \
    "admin /pegawai?q=budi" "admin /admin" "admin /admin/organisasi" "admin /admin/audit" "admin /admin/periode" \
    "admin /skp/$year/kaskade" "admin /skp/$year/kaskade?unit=$unit" "admin /admin/penilaian" "admin /admin/kurva" \
    "pimpinan /pimpinan"; do
    set -- $page
    touch "$WORK/anonymous.cookies"
    report "  $2 ($1)" "$(median5 "$1" "http://127.0.0.1:$port$2") ms"
  done
  report "server memory: before / peak (VmHWM)" "$(( rss_before / 1024 )) MB / $(( $(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status") / 1024 )) MB"
}

at_scale "100,000 employees (SQLite)" "sqlite://$WORK/large.db"

# PostgreSQL at scale, when asked: BENCH_PG_EMPLOYEES=1000000 ./sikap bench --skip-cold.
# A throwaway cluster (fsync on, shared_buffers 512 MB), seeded, analysed, measured.
# A throwaway PostgreSQL cluster (fsync on, shared_buffers 512 MB); sets pg_url.
start_pg() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_dir=$(mktemp -d /tmp/sikap-bench-pg.XXXXXX) # beside $WORK: postgres cannot enter that
  pg_as=""
  if [ "$(id -u)" -eq 0 ]; then pg_as="runuser -u postgres --"; chown postgres "$pg_dir"; fi
  pg_port=$(free_port)
  $pg_as "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust >/dev/null
  $pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB" start >/dev/null
  pg_url="postgres://postgres@127.0.0.1:$pg_port/postgres"
}
stop_pg() {
  $pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -w stop >/dev/null
  rm -rf "$pg_dir"
}

# Concurrent plan saves on PostgreSQL too, when it is installed.
if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  start_pg
  DATABASE_URL="$pg_url" "$CARGO_TARGET_DIR/release/write_bench" | sed 's/^/writes: /'
  DATABASE_URL="$pg_url" "$CARGO_TARGET_DIR/release/penilaian_bench" | sed 's/^/penilaian: /'
  # Live feedback: 1,000 readers over two servers on their own database.
  $pg_as "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -q -c "CREATE DATABASE feedback" postgres
  DATABASE_URL="${pg_url%/postgres}/feedback" "$CARGO_TARGET_DIR/release/feedback_load" "$BIN" 1000 50 20 | sed 's/^/feedback: /'
  stop_pg
fi

if [ -n "${BENCH_PG_EMPLOYEES:-}" ]; then
  start_pg
  start=$(now_ms)
  SIKAP_DATABASE_URL="$pg_url" "$BIN" seed --employees "$BENCH_PG_EMPLOYEES" >/dev/null 2>&1
  report "seed $BENCH_PG_EMPLOYEES employees (PostgreSQL)" "$(( $(now_ms) - start )) ms"
  $pg_as "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -q -c "ANALYZE" postgres
  at_scale "$BENCH_PG_EMPLOYEES employees (PostgreSQL)" "$pg_url"
  kill "${PIDS[@]}" 2>/dev/null || true
  stop_pg
fi
