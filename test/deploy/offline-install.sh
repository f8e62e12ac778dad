#!/usr/bin/env bash
# The release end to end, as an IT officer on an isolated network meets it (issue 20). `.ci/run` runs it.
#
#   test/deploy/offline-install.sh [--bundle FILE.tar.gz]
#
# Builds the bundle (npm run package) unless given one, then, with no network (unshare -n) and no node
# runnable, in a fresh folder: refuses a damaged bundle; installs into a temporary root (--prefix);
# `systemd-analyze verify`s the unit; starts the server with the unit's own command line and a certificate
# made here (openssl); logs in over HTTPS, imports, analyses, acts on an item and attaches a file; backs up
# while serving; stops with SIGTERM during an import; starts again (the import absent, the action present);
# restores the backup into a new data folder (same items, intact audit chain); refuses a backup with one byte
# changed or a file missing, naming it; upgrades (backup first) and rolls back.
# Needs root (unshare, mount), openssl, curl, iproute2, systemd (for systemd-analyze).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd -P)

if [ "${1:-}" != "--inside" ]; then
  bundle=""
  if [ "${1:-}" = "--bundle" ]; then bundle=$(realpath "$2"); fi
  if [ -z "$bundle" ]; then
    (cd "$repo" && npm run package --silent)
    bundle=$(ls -t "$repo"/dist/yanpan-*-linux-x64.tar.gz | head -n 1)
  fi
  work=$(mktemp -d /tmp/yanpan-offline-XXXXXX)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/download"
  cp "$bundle" "$bundle.sha256" "$work/download/"
  # A new network namespace (only a loopback, no route out) and a mount namespace to hide node in.
  unshare --net --mount --propagation private "$0" --inside "$work" "$repo"
  exit $?
fi

work=$2
repo=$3
fixture=$repo/test/fixtures/jinzhong-2021h1
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
expect_in() { grep -q -- "$2" <<<"$1" || fail "$3: expected '$2' in: ${1:0:600}"; }
# refused CODE WHAT CMD...: CMD must end with exit code CODE; what it printed is left in $out.
refused() {
  local want=$1 what=$2 code; shift 2
  set +e; out=$("$@" 2>&1); code=$?; set -e
  [ "$code" = "$want" ] || fail "$what: exit $code: $out"
}

# ------------------------------------------------------------------ no network, no node
ip link set lo up
printf '#!/bin/sh\necho node is not available here >&2\nexit 127\n' > "$work/no-node"
chmod 644 "$work/no-node"
for n in node nodejs; do
  p=$(command -v "$n" 2>/dev/null || true)
  [ -n "$p" ] && mount --bind "$work/no-node" "$(realpath "$p")"
done
if node --version >/dev/null 2>&1; then fail "node is still runnable"; fi
if curl -s -m 3 -o /dev/null https://registry.npmjs.org/ 2>/dev/null; then fail "the network is reachable"; fi
say_ok() { printf 'ok: %s\n' "$*"; }
say_ok "no network (only lo), no node"

cd "$work"
tarball=$(ls download/*.tar.gz)
step "the download: its detached checksum, and a copy with one byte changed"
(cd download && sha256sum -c --quiet "$(basename "$tarball").sha256") || fail "the tarball does not match its .sha256"
cp "$tarball" bad.tar.gz
size=$(stat -c %s bad.tar.gz)
printf '\x00' | dd of=bad.tar.gz bs=1 seek=$((size / 2)) conv=notrunc status=none
cp "$tarball.sha256" bad.tar.gz.sha256 && sed -i "s/ .*/  bad.tar.gz/" bad.tar.gz.sha256
if sha256sum -c --quiet bad.tar.gz.sha256 2>/dev/null; then fail "a changed tarball passed its checksum"; fi
say_ok "a changed tarball fails its .sha256"

mkdir fresh && tar -xzf "$tarball" -C fresh
b=$(ls -d fresh/yanpan-*)
version=$(cat "$b/VERSION")
test -x "$b/node/bin/node" && test -f "$b/THIRD-PARTY-LICENSES" && test -f "$b/SHA256SUMS" || fail "bundle layout"
grep -q '^@duckdb/node-api@' "$b/THIRD-PARTY-LICENSES" || fail "THIRD-PARTY-LICENSES lacks DuckDB"
[ ! -d "$b/node_modules/vitest" ] && [ ! -d "$b/node_modules/vite" ] || fail "dev dependencies in the bundle"

step "install.sh refuses a damaged bundle before touching anything"
cp -a "$b" damaged
printf 'X' | dd of=damaged/src/cli/main.ts bs=1 seek=200 conv=notrunc status=none
set +e
out=$(printf 'Admin-pass-2026!\n' | damaged/install.sh --prefix "$work/root-damaged" --admin chief 2>&1); code=$?
set -e
[ "$code" = 3 ] || fail "damaged bundle: exit $code, $out"
expect_in "$out" "src/cli/main.ts: FAILED" "damaged bundle names the file"
[ ! -e "$work/root-damaged/opt" ] && [ ! -e "$work/root-damaged/etc" ] || fail "the damaged bundle touched the root"
say_ok "refused, naming src/cli/main.ts"

step "install into a temporary root"
root=$work/root
printf 'Admin-pass-2026!\n' | "$b/install.sh" --prefix "$root" --admin chief
OPT=$root/opt/yanpan; CONF=$root/etc/yanpan/yanpan.conf; DATA=$root/var/lib/yanpan; UNIT=$root/etc/systemd/system/yanpan.service
[ "$(readlink "$OPT/current")" = "$version" ] || fail "current link"
test -f "$DATA/yanpan.duckdb" || fail "no database"
yanpan=$OPT/current/bin/yanpan

step "systemd-analyze verify"
grep -q '^Restart=on-failure' "$UNIT" && grep -q '^User=yanpan' "$UNIT" && grep -q '^ProtectSystem=strict' "$UNIT" \
  && grep -q "^ReadWritePaths=$DATA\$" "$UNIT" || fail "unit settings"
systemd-analyze verify "$UNIT"
say_ok "the unit verifies"

step "a certificate, configured as the README says"
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
sed -i -e "s|^tls_cert =.*|tls_cert = $work/cert.pem|" -e "s|^tls_key =.*|tls_key = $work/key.pem|" \
  -e "s|^public_url =.*|public_url = https://localhost:8443/|" "$CONF"
exec_start=$(sed -n 's/^ExecStart=//p' "$UNIT")
log=$work/server.log
start_server() {
  $exec_start >>"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 120); do
    if curl -s --cacert "$work/cert.pem" "$URL/api/health" 2>/dev/null | grep -q '"status":"ok"'; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  fail "the server did not become healthy: $(tail -5 "$log")"
}
URL=https://localhost:8443
start_server || fail "the server did not start: $(tail -5 "$log")"
say_ok "serving at $URL (pid $pid)"
health=$(curl -s --cacert "$work/cert.pem" "$URL/api/health")
expect_in "$health" "\"version\":\"$version\"" "health names the version"

jar=$work/cookies
api() { # METHOD PATH [curl args...]
  local m=$1 p=$2; shift 2
  curl -s --cacert "$work/cert.pem" -b "$jar" -c "$jar" -H "Origin: $URL" -X "$m" "$@" "$URL$p"
}
json() { api "$1" "$2" -H 'content-type: application/json' --data "$3"; }
field() { grep -o "\"$1\":[^,}]*" | head -n 1 | cut -d: -f2- | tr -d '"'; }
urlencode() { local LC_ALL=C s=$1 out="" c i; for ((i = 0; i < ${#s}; i++)); do c=${s:i:1}; case $c in [a-zA-Z0-9.~_-]) out+=$c ;; *) out+=$(printf '%%%02X' "'$c") ;; esac; done; printf '%s' "$out"; }
upload_fixture() { local args=() f; for f in "$fixture"/*; do args+=(-F "files=@$f"); done; api POST /api/imports "${args[@]}"; }
wait_job() { # PATH
  local r
  for _ in $(seq 1 240); do
    r=$(api GET "$1")
    grep -q '"status":"running"' <<<"$r" || { printf '%s' "$r"; return 0; }
    sleep 0.5
  done
  fail "job $1 did not finish"
}

step "log in over HTTPS, import, analyse, act on an item, attach a file"
r=$(json POST /api/login '{"username":"chief","password":"Admin-pass-2026!"}')
expect_in "$r" '"role":"admin"' "log-in"
r=$(upload_fixture); id=$(field id <<<"$r")
r=$(wait_job "/api/imports/$id"); expect_in "$r" '"status":"done"' "the import"
r=$(json POST /api/runs '{"from":"2021-01-01","to":"2021-06-30","as_of":"2021-07-10"}'); id=$(field id <<<"$r")
r=$(wait_job "/api/runs/$id"); expect_in "$r" '"status":"done"' "the analysis"
total=$(api GET '/api/items?size=1' | field total)
[ "${total:-0}" -gt 0 ] || fail "no items after the analysis"
key=$(api GET '/api/items?status=pending&size=50' | grep -o '"key":"[^"]*"' | cut -d'"' -f4 | grep -E '^[A-Za-z0-9|._-]+$' | head -n 1)
[ -n "$key" ] || fail "no pending item with a plain key"
ekey=$(urlencode "$key")
r=$(json POST "/api/items/$ekey/actions" '{"action":"dispatch","deadline_days":5,"note":"离线安装测试"}')
expect_in "$r" '"status":"dispatched"' "the dispatch"
printf '%%PDF-1.4\n%% yanpan offline test\n' > "$work/evidence.pdf"
r=$(api POST "/api/items/$ekey/attachments" -F "file=@$work/evidence.pdf")
expect_in "$r" '"size"' "the attachment"
say_ok "$total items; $key dispatched, a file attached"

step "a backup while serving"
out=$("$yanpan" backup --config "$CONF")
printf '%s\n' "$out"
expect_in "$out" "由运行中的服务器制作" "the server took the backup"
backup=$(tail -n 1 <<<"$out")
test -f "$backup/manifest.json" && test -f "$backup/yanpan.duckdb" || fail "backup folder"
attachment=$(cd "$backup" && find attachments -type f | head -n 1)
[ -n "$attachment" ] || fail "the backup holds no attachment"

step "SIGTERM during an import"
r=$(upload_fixture); expect_in "$r" '"status":"running"' "the second import started"
kill -TERM "$pid"
set +e; wait "$pid"; code=$?; set -e
[ "$code" = 0 ] || fail "the server exited $code on SIGTERM"
grep -q 'job import #[0-9]* failed.*服务正在停止' "$log" || fail "the import was not called off: $(grep 'job import' "$log")"
grep -q '服务已停止' "$log" || fail "no clean stop"
if grep -q 'Admin-pass-2026' "$log"; then fail "a password in the log"; fi
say_ok "stopped cleanly, the running import called off"

step "start again: the import absent, the action present"
start_server
json POST /api/login '{"username":"chief","password":"Admin-pass-2026!"}' >/dev/null
imports=$(api GET /api/imports | grep -o '"import_id":[0-9]*' | sort -u | wc -l)
[ "$imports" = 1 ] || fail "expected 1 import after the restart, found $imports"
expect_in "$(api GET "/api/items/$ekey")" '"status":"dispatched"' "the action survived"
say_ok "one import, $key still dispatched"

step "restore the backup into a new data folder"
refused 1 "restore over the served database" "$yanpan" restore "$backup" --db "$DATA/yanpan.duckdb"
expect_in "$out" "请先停止服务" "restore over the served database is refused"
restored=$work/restored
"$yanpan" restore "$backup" --db "$restored/yanpan.duckdb"
out=$("$yanpan" audit verify --db "$restored/yanpan.duckdb")
printf '%s\n' "$out"
expect_in "$out" "审计日志完整" "the restored audit chain"
"$yanpan" serve --db "$restored/yanpan.duckdb" --host 127.0.0.1 --port 8444 >"$work/restored.log" 2>&1 &
rpid=$!; pids+=("$rpid")
for _ in $(seq 1 120); do curl -s http://127.0.0.1:8444/api/health | grep -q '"status":"ok"' && break; sleep 0.5; done
rjar=$work/rcookies
curl -s -c "$rjar" -H 'content-type: application/json' -H 'Origin: http://127.0.0.1:8444' --data '{"username":"chief","password":"Admin-pass-2026!"}' http://127.0.0.1:8444/api/login >/dev/null
rtotal=$(curl -s -b "$rjar" 'http://127.0.0.1:8444/api/items?size=1' | field total)
[ "$rtotal" = "$total" ] || fail "restored items: $rtotal, expected $total"
expect_in "$(curl -s -b "$rjar" "http://127.0.0.1:8444/api/items/$ekey")" '"status":"dispatched"' "the restored item"
kill -TERM "$rpid"; wait "$rpid" || true
say_ok "the same $total items, $key dispatched, the chain intact"

step "a damaged or partial backup is refused with its name"
cp -a "$backup" "$work/bk-flipped"
printf '\xff' | dd of="$work/bk-flipped/yanpan.duckdb" bs=1 seek=12345 conv=notrunc status=none
refused 3 "flipped backup" "$yanpan" restore "$work/bk-flipped" --db "$work/r2/yanpan.duckdb"
expect_in "$out" "yanpan.duckdb" "the flipped file is named"
cp -a "$backup" "$work/bk-partial"
rm "$work/bk-partial/$attachment"
refused 3 "partial backup" "$yanpan" restore "$work/bk-partial" --db "$work/r2/yanpan.duckdb"
expect_in "$out" "$attachment" "the missing file is named"
[ ! -e "$work/r2" ] || fail "a refused restore touched the target"
say_ok "refused: yanpan.duckdb (one byte), $attachment (missing)"

step "upgrade (backup first), then roll back"
kill -TERM "$pid"; wait "$pid" || true
next=$work/next/yanpan-$version-next
mkdir -p "$work/next" && cp -a "$b" "$next"
printf '%s-next\n' "$version" > "$next/VERSION"
sed -i "s/\"version\": \"$version\"/\"version\": \"$version-next\"/" "$next/package.json"
(cd "$next" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort | while IFS= read -r f; do sha256sum "$f"; done > SHA256SUMS)
"$next/install.sh" --prefix "$root"
[ "$(readlink "$OPT/current")" = "$version-next" ] || fail "current after the upgrade"
read -r prev pre_upgrade < "$OPT/previous"
[ "$prev" = "$version" ] && test -f "$pre_upgrade/manifest.json" || fail "no pre-upgrade backup recorded"
start_server
expect_in "$(curl -s --cacert "$work/cert.pem" "$URL/api/health")" "\"version\":\"$version-next\"" "the upgraded version serves"
kill -TERM "$pid"; wait "$pid" || true
"$OPT/current/install.sh" --rollback --prefix "$root"
[ "$(readlink "$OPT/current")" = "$version" ] || fail "current after the rollback"
ls -d "$DATA"/replaced-* >/dev/null || fail "the replaced data was not kept aside"
start_server
expect_in "$(curl -s --cacert "$work/cert.pem" "$URL/api/health")" "\"version\":\"$version\"" "the previous version serves"
json POST /api/login '{"username":"chief","password":"Admin-pass-2026!"}' >/dev/null
expect_in "$(api GET "/api/items/$ekey")" '"status":"dispatched"' "the item after the rollback"
say_ok "upgraded to $version-next and rolled back to $version with its backup"

printf '\nPASS: offline install, HTTPS, backup while serving, SIGTERM during an import, restore, damaged bundle and backups refused, upgrade and rollback\n'
