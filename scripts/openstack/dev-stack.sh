#!/bin/bash
# dev-stack.sh — a throw-away OpenStack Keystone (identity) + Glance (image)
# for the integration tests and the benchmark. Debian 12 packages, SQLite,
# 127.0.0.1 only, all state in one DIR, no systemd.
#
#   dev-stack.sh install       apt-get update + install whatever is missing (root)
#   dev-stack.sh up DIR        configure, start, seed; writes DIR/env.sh (and prints it)
#   dev-stack.sh down DIR      stop the process groups recorded in DIR/run
#   dev-stack.sh status DIR    recorded pids and whether the APIs answer
#   dev-stack.sh stop DIR SERVICE / start DIR SERVICE
#                              one daemon (keystone or glance-api) down and up
#                              again, for the outage tests
#   dev-stack.sh token DIR [admin|alice|bob]
#                              prints a token, for curl against Glance
#   dev-stack.sh bulk DIR N PREFIX
#                              N active public images named PREFIX-1..N, written
#                              into this stack's Glance database (its API takes
#                              about 90 ms an image here); Glance serves them
#   dev-stack.sh bulk-delete DIR PREFIX
#                              marks them deleted, as Glance's DELETE would
#
# Environment: OSDEV_KEYSTONE_PORT (5000), OSDEV_GLANCE_PORT (9292),
#   OSDEV_KEYSTONE_PROCESSES (2; each has exactly ONE thread: keystone on SQLite
#   breaks under threaded workers), OSDEV_GLANCE_WORKERS (1; 0 = one process),
#   OSDEV_ADMIN_PASSWORD, OSDEV_ALICE_PASSWORD, OSDEV_BOB_PASSWORD,
#   OSDEV_GLANCE_SERVICE_PASSWORD, OSDEV_TIMEOUT (90 s per daemon),
#   OSDEV_GLANCE_DATABASE (Glance's SQLAlchemy URL: DIR/glance.sqlite by default;
#   mysql+pymysql://root@127.0.0.1/NAME for an empty MariaDB database, as
#   production Glance runs on MySQL).
set -euo pipefail

KS_PORT=${OSDEV_KEYSTONE_PORT:-5000}
GL_PORT=${OSDEV_GLANCE_PORT:-9292}
KS_PROCS=${OSDEV_KEYSTONE_PROCESSES:-2}
GL_WORKERS=${OSDEV_GLANCE_WORKERS:-1}
GL_DATABASE=${OSDEV_GLANCE_DATABASE:-}
ADMIN_PW=${OSDEV_ADMIN_PASSWORD:-admin-pass}
ALICE_PW=${OSDEV_ALICE_PASSWORD:-alice-pass}
BOB_PW=${OSDEV_BOB_PASSWORD:-bob-pass}
GLANCE_PW=${OSDEV_GLANCE_SERVICE_PASSWORD:-glance-pass}
TIMEOUT=${OSDEV_TIMEOUT:-90}
REGION=RegionOne
KS="http://127.0.0.1:$KS_PORT"
GL="http://127.0.0.1:$GL_PORT"
PKGS=(keystone glance-api uwsgi-plugin-python3 curl jq procps iproute2)

# The daemons are Debian's python3 programs: no pyenv shims, no PYTHONPATH,
# and no HTTP proxy (keystonemiddleware's python-requests would use it).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost

say() { echo "[dev-stack $(date +%T)] $*" >&2; }
fail() { say "ERROR: $*"; exit 1; }
http() { curl -sS --noproxy '*' --max-time 30 "$@"; }
code_of() { curl -s --noproxy '*' --max-time 10 -o /dev/null -w '%{http_code}' "$@" || true; }
need_dir() { [ -n "${1:-}" ] || fail "usage: $0 $CMD DIR"; mkdir -p "$1"; DIR=$(cd "$1" && pwd); }

# ---------------------------------------------------------------- install ---
do_install() {
  [ "$(id -u)" = 0 ] || fail "install needs root"
  local p todo=()
  for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed' || todo+=("$p")
  done
  if [ ${#todo[@]} -eq 0 ]; then say "all packages present"; return; fi
  export DEBIAN_FRONTEND=noninteractive
  # answer "no" to every dbconfig / bootstrap / endpoint question of the packages
  debconf-set-selections <<'EOF'
keystone keystone/configure_db boolean false
keystone keystone/create-admin-tenant boolean false
keystone keystone/register-endpoint boolean false
glance-common glance/configure_db boolean false
glance-common glance/configure_rabbit boolean false
glance-common glance/configure_ksat boolean false
glance-api glance/configure_api-endpoint boolean false
EOF
  say "apt-get update; then installing: ${todo[*]}"
  apt-get update -q
  apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${todo[@]}"
  for p in keystone-manage keystone-wsgi-public uwsgi glance-manage glance-api; do
    [ -x "/usr/bin/$p" ] || fail "/usr/bin/$p missing after install"
  done
  [ -f /etc/glance/glance-api-paste.ini ] || fail "/etc/glance/glance-api-paste.ini missing"
}

# ------------------------------------------------------- process handling ---
# launch NAME LOG CMD...: own session via setsid; its pid is also its pgid.
launch() {
  local name=$1 logfile=$2; shift 2
  setsid "$@" </dev/null >>"$logfile" 2>&1 &
  echo $! >"$DIR/run/$name.pid"
}

# halt NAME: TERM the recorded process group, KILL it after ~15 s.
halt() {
  local f="$DIR/run/$1.pid" g i
  [ -f "$f" ] || return 0
  g=$(cat "$f")
  [[ "$g" =~ ^[0-9]+$ ]] || { rm -f "$f"; return 0; }
  if pgrep -g "$g" >/dev/null; then
    say "stopping $1 (process group $g)"
    kill -TERM -- "-$g" 2>/dev/null || true
    for i in $(seq 60); do pgrep -g "$g" >/dev/null || break; sleep 0.25; done
    pgrep -g "$g" >/dev/null && { say "$1: KILL"; kill -KILL -- "-$g" 2>/dev/null || true; sleep 0.3; }
  fi
  rm -f "$f"
}

# await NAME URL CODE: poll until URL returns CODE; give up if NAME died.
await() {
  local end=$(( SECONDS + TIMEOUT ))
  until [ "$(code_of "$2")" = "$3" ]; do
    kill -0 "$(cat "$DIR/run/$1.pid")" 2>/dev/null || fail "$1 died, see $DIR/logs"
    [ $SECONDS -lt $end ] || fail "$1 not answering after ${TIMEOUT}s, see $DIR/logs"
    sleep 0.25
  done
}

# ------------------------------------------------------------------ configs ---
write_configs() {
  mkdir -p "$DIR"/{etc/policy-ks,etc/policy-gl,logs,run,keys/fernet,keys/credential} \
           "$DIR"/glance/{images,staging,tasks,lock}
  chmod 700 "$DIR/keys"
  cat >"$DIR/etc/keystone.conf" <<EOF
[DEFAULT]
log_file = $DIR/logs/keystone.log
[database]
connection = sqlite:///$DIR/keystone.sqlite
[token]
provider = fernet
expiration = 3600
[fernet_tokens]
key_repository = $DIR/keys/fernet
[fernet_receipts]
key_repository = $DIR/keys/fernet
[credential]
key_repository = $DIR/keys/credential
[cache]
enabled = false
[identity]
# bcrypt minimum: fast logins, TEST ONLY
password_hash_rounds = 4
[oslo_policy]
policy_dirs = $DIR/etc/policy-ks
EOF
  cat >"$DIR/etc/keystone-uwsgi.ini" <<EOF
[uwsgi]
plugins = python3
http-socket = 127.0.0.1:$KS_PORT
wsgi-file = /usr/bin/keystone-wsgi-public
env = OS_KEYSTONE_CONFIG_FILES=$DIR/etc/keystone.conf
master = true
processes = $KS_PROCS
; one thread per worker: SQLite objects cannot cross threads
threads = 1
enable-threads = true
lazy-apps = true
die-on-term = true
no-orphans = true
buffer-size = 65535
chdir = $DIR
disable-logging = true
; avoids a harmless greenlet segfault trace on every shutdown
skip-atexit-teardown = true
EOF
  cat >"$DIR/etc/glance-api.conf" <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $GL_PORT
workers = $GL_WORKERS
enabled_backends = file:file
log_file = $DIR/logs/glance-api.log
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = $DIR/glance/images
[os_glance_staging_store]
filesystem_store_datadir = $DIR/glance/staging
[os_glance_tasks_store]
filesystem_store_datadir = $DIR/glance/tasks
[database]
connection = $GL_DATABASE
[paste_deploy]
flavor = keystone
config_file = /etc/glance/glance-api-paste.ini
[keystone_authtoken]
www_authenticate_uri = $KS
auth_url = $KS
auth_type = password
user_domain_name = Default
project_domain_name = Default
project_name = service
username = glance
password = $GLANCE_PW
memcached_servers =
[oslo_concurrency]
lock_path = $DIR/glance/lock
[oslo_policy]
policy_dirs = $DIR/etc/policy-gl
EOF
}

# WAL, or a second keystone worker's write fails with "database is locked"
wal() { python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$1"; }

# -------------------------------------------------------------- keystone API ---
# token USER PASSWORD PROJECT -> X-Subject-Token
token() {
  http -D - -o /dev/null -H 'Content-Type: application/json' "$KS/v3/auth/tokens" -d "$(jq -nc \
    --arg u "$1" --arg p "$2" --arg pr "$3" '{auth:{identity:{methods:["password"],
      password:{user:{name:$u,domain:{id:"default"},password:$p}}},
      scope:{project:{name:$pr,domain:{id:"default"}}}}}')" \
  | awk -F': ' 'tolower($1)=="x-subject-token"{sub(/\r$/,"",$2); print $2}'
}
# api METHOD PATH [JSON] [JQ-FILTER] (admin token) -> filtered body
api() {
  http -X "$1" -H "X-Auth-Token: $TOK" -H 'Content-Type: application/json' \
       ${3:+-d "$3"} "$KS$2" | jq -er "${4:-.}"
}
is_id() { [[ "$2" =~ ^[0-9a-f]{32}$ ]] || fail "seeding: bad $1 id '$2'"; }

# ---------------------------------------------------------------------- up ---
do_up() {
  need_dir "${1:-}"
  local t0=$SECONDS p
  [ ! -e "$DIR/keystone.sqlite" ] || fail "$DIR is not fresh (keystone.sqlite exists)"
  for p in "$KS_PORT" "$GL_PORT"; do
    [ -z "$(ss -Hltn "sport = :$p")" ] || fail "port $p is already in use"
  done
  [ -x /usr/bin/keystone-manage ] && [ -x /usr/bin/glance-api ] && [ -x /usr/bin/uwsgi ] \
    || fail "packages missing: run '$0 install'"
  GL_DATABASE=${GL_DATABASE:-sqlite:///$DIR/glance.sqlite}
  echo "$GL_DATABASE" > "$DIR/glance-database"
  write_configs
  trap 'rc=$?; if [ $rc != 0 ]; then say "up failed: stopping what was started"; halt glance-api; halt keystone; fi' EXIT

  say "db sync + key setup (parallel)"
  local km=(keystone-manage --config-file "$DIR/etc/keystone.conf") me grp j1 j2 j3
  me=$(id -un); grp=$(id -gn)
  (glance-manage --config-file "$DIR/etc/glance-api.conf" db_sync && { [ -n "${OSDEV_GLANCE_DATABASE:-}" ] || wal "$DIR/glance.sqlite"; }) \
    >"$DIR/logs/glance-manage.log" 2>&1 & j1=$!
  "${km[@]}" fernet_setup --keystone-user "$me" --keystone-group "$grp" >"$DIR/logs/ks-fernet.log" 2>&1 & j2=$!
  "${km[@]}" credential_setup --keystone-user "$me" --keystone-group "$grp" >"$DIR/logs/ks-cred.log" 2>&1 & j3=$!
  "${km[@]}" db_sync >"$DIR/logs/ks-manage.log" 2>&1 || fail "keystone db_sync, see $DIR/logs/ks-manage.log"
  wal "$DIR/keystone.sqlite"
  wait $j2 && wait $j3 || fail "keystone key setup, see $DIR/logs/ks-*.log"
  "${km[@]}" bootstrap --bootstrap-username admin --bootstrap-password "$ADMIN_PW" \
    --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id "$REGION" \
    --bootstrap-admin-url "$KS/v3/" --bootstrap-internal-url "$KS/v3/" --bootstrap-public-url "$KS/v3/" \
    >>"$DIR/logs/ks-manage.log" 2>&1 || fail "keystone bootstrap, see $DIR/logs/ks-manage.log"
  wait $j1 || fail "glance db_sync, see $DIR/logs/glance-manage.log"

  say "starting glance-api on $GL and keystone (uWSGI x$KS_PROCS) on $KS"
  launch glance-api "$DIR/logs/glance-api.out" glance-api --config-file "$DIR/etc/glance-api.conf"
  launch keystone "$DIR/logs/keystone-uwsgi.log" uwsgi --ini "$DIR/etc/keystone-uwsgi.ini"
  await keystone "$KS/v3" 200
  say "keystone answers after $((SECONDS - t0))s; seeding"

  TOK=$(token admin "$ADMIN_PW" admin); [ -n "$TOK" ] || fail "no admin token"
  local r_admin r_member p_admin p_svc p_alice p_bob u_glance u_alice u_bob s_img itf
  r_admin=$(api GET "/v3/roles?name=admin" '' '.roles[0].id')
  r_member=$(api GET "/v3/roles?name=member" '' '.roles[0].id')
  p_admin=$(api GET "/v3/projects?name=admin" '' '.projects[0].id')
  mkproj() { api POST /v3/projects "{\"project\":{\"name\":\"$1\",\"domain_id\":\"default\"}}" .project.id; }
  mkuser() { api POST /v3/users "$(jq -nc --arg n "$1" --arg p "$2" --arg d "$3" \
    '{user:{name:$n,password:$p,domain_id:"default",default_project_id:$d}}')" .user.id; }
  grant() { [ "$(http -o /dev/null -w '%{http_code}' -X PUT -H "X-Auth-Token: $TOK" \
    "$KS/v3/projects/$1/users/$2/roles/$3")" = 204 ] || fail "role grant $*"; }
  p_svc=$(mkproj service); p_alice=$(mkproj alice-project); p_bob=$(mkproj bob-project)
  u_glance=$(mkuser glance "$GLANCE_PW" "$p_svc")
  u_alice=$(mkuser alice "$ALICE_PW" "$p_alice")
  u_bob=$(mkuser bob "$BOB_PW" "$p_bob")
  for p in r_admin r_member p_admin p_svc p_alice p_bob u_glance u_alice u_bob; do is_id $p "${!p}"; done
  grant "$p_svc" "$u_glance" "$r_admin"      # keystonemiddleware validates tokens as glance
  grant "$p_alice" "$u_alice" "$r_member"
  grant "$p_bob" "$u_bob" "$r_member"
  s_img=$(api POST /v3/services '{"service":{"type":"image","name":"glance","description":"Image service"}}' .service.id)
  for itf in public internal admin; do
    api POST /v3/endpoints "{\"endpoint\":{\"service_id\":\"$s_img\",\"interface\":\"$itf\",\"region_id\":\"$REGION\",\"url\":\"$GL\"}}" \
      .endpoint.id >/dev/null || fail "endpoint $itf"
  done
  # alice's application credential, created with her own token (secret shown once)
  local t_alice ac ac_id ac_secret
  t_alice=$(token alice "$ALICE_PW" alice-project); [ -n "$t_alice" ] || fail "no token for alice"
  ac=$(http -X POST -H "X-Auth-Token: $t_alice" -H 'Content-Type: application/json' \
       "$KS/v3/users/$u_alice/application_credentials" \
       -d '{"application_credential":{"name":"webapp","description":"Atmosphere Images tests"}}')
  ac_id=$(jq -r .application_credential.id <<<"$ac"); ac_secret=$(jq -r .application_credential.secret <<<"$ac")
  is_id app-credential "$ac_id"
  # the catalog's own credential: admin's, since publicizing images and managing members of
  # other projects' images needs the admin role (SPEC §9)
  local u_admin aac aac_id aac_secret
  u_admin=$(api GET "/v3/users?name=admin" '' '.users[0].id')
  aac=$(http -X POST -H "X-Auth-Token: $TOK" -H 'Content-Type: application/json' \
       "$KS/v3/users/$u_admin/application_credentials" \
       -d '{"application_credential":{"name":"atmosphere-images","description":"Atmosphere Images provider"}}')
  aac_id=$(jq -r .application_credential.id <<<"$aac"); aac_secret=$(jq -r .application_credential.secret <<<"$aac")
  is_id admin-app-credential "$aac_id"

  await glance-api "$GL/healthcheck" 200
  [ "$(code_of "$GL/v2/images")" = 401 ] || fail "glance without a token did not answer 401"
  # Glance's first authenticated call (keystonemiddleware's discovery) may take a while on a busy machine.
  local end=$(( SECONDS + TIMEOUT ))
  until [ "$(code_of -H "X-Auth-Token: $t_alice" "$GL/v2/images")" = 200 ]; do
    [ $SECONDS -lt $end ] || fail "glance rejected alice's token, see $DIR/logs/glance-api.log"
    sleep 0.5
  done

  cat >"$DIR/env.sh" <<EOF
# written by scripts/openstack/dev-stack.sh up
export OSDEV_DIR=$DIR
export OS_AUTH_URL=$KS/v3
export OS_IDENTITY_API_VERSION=3
export OS_REGION_NAME=$REGION
export OS_INTERFACE=public
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_USERNAME=admin
export OS_PASSWORD=$ADMIN_PW
export OS_PROJECT_NAME=admin
export OSDEV_ADMIN_PROJECT_ID=$p_admin
export OSDEV_ADMIN_APP_CRED_ID=$aac_id
export OSDEV_ADMIN_APP_CRED_SECRET=$aac_secret
export OSDEV_IMAGE_URL=$GL
export OSDEV_ALICE_USERNAME=alice
export OSDEV_ALICE_PASSWORD=$ALICE_PW
export OSDEV_ALICE_USER_ID=$u_alice
export OSDEV_ALICE_PROJECT_NAME=alice-project
export OSDEV_ALICE_PROJECT_ID=$p_alice
export OSDEV_ALICE_APP_CRED_ID=$ac_id
export OSDEV_ALICE_APP_CRED_SECRET=$ac_secret
export OSDEV_BOB_USERNAME=bob
export OSDEV_BOB_PASSWORD=$BOB_PW
export OSDEV_BOB_USER_ID=$u_bob
export OSDEV_BOB_PROJECT_NAME=bob-project
export OSDEV_BOB_PROJECT_ID=$p_bob
EOF
  trap - EXIT
  say "up in $((SECONDS - t0))s; environment in $DIR/env.sh"
  cat "$DIR/env.sh"
}

# ------------------------------------------------------------ down / status ---
do_down() {
  [ -n "${1:-}" ] || fail "usage: $0 down DIR"
  [ -d "$1/run" ] || { say "nothing recorded in $1/run"; return 0; }
  DIR=$(cd "$1" && pwd)
  halt glance-api; halt keystone
  say "down"
}

do_status() {
  need_dir "${1:-}"
  local n g
  for n in keystone glance-api; do
    g=$(cat "$DIR/run/$n.pid" 2>/dev/null || true)
    if [ -n "$g" ] && pgrep -g "$g" >/dev/null; then
      echo "$n: process group $g"; ps -o pid=,rss=,args= -g "$g" | sed 's/^/    /'
    else echo "$n: not running"; fi
  done
  if [ -f "$DIR/env.sh" ]; then
    KS=$(. "$DIR/env.sh"; echo "${OS_AUTH_URL%/v3}"); GL=$(. "$DIR/env.sh"; echo "$OSDEV_IMAGE_URL")
  fi
  echo "keystone $KS/v3 -> $(code_of "$KS/v3")"
  echo "glance $GL/healthcheck -> $(code_of "$GL/healthcheck")"
}

urls_of() {
  [ -f "$DIR/env.sh" ] || fail "$DIR/env.sh missing: was the stack started with 'up'?"
  KS=$(. "$DIR/env.sh"; echo "${OS_AUTH_URL%/v3}"); GL=$(. "$DIR/env.sh"; echo "$OSDEV_IMAGE_URL")
}
service_of() {
  case "${1:-}" in keystone|glance-api) ;; *) fail "usage: $0 $CMD DIR keystone|glance-api" ;; esac
}

do_stop() {
  need_dir "${1:-}"; service_of "${2:-}"
  halt "$2"
}

do_start() {
  need_dir "${1:-}"; service_of "${2:-}"; urls_of
  local g; g=$(cat "$DIR/run/$2.pid" 2>/dev/null || true)
  if [ -n "$g" ] && pgrep -g "$g" >/dev/null; then say "$2 is running already"; return 0; fi
  if [ "$2" = glance-api ]; then
    launch glance-api "$DIR/logs/glance-api.out" glance-api --config-file "$DIR/etc/glance-api.conf"
    await glance-api "$GL/healthcheck" 200
  else
    launch keystone "$DIR/logs/keystone-uwsgi.log" uwsgi --ini "$DIR/etc/keystone-uwsgi.ini"
    await keystone "$KS/v3" 200
  fi
  say "$2 is back"
}

do_token() {
  need_dir "${1:-}"; urls_of
  local who=${2:-admin} pw project
  case "$who" in
    admin) pw=$(. "$DIR/env.sh"; echo "$OS_PASSWORD"); project=admin ;;
    alice|bob) pw=$(. "$DIR/env.sh"; v="OSDEV_${who^^}_PASSWORD"; echo "${!v}"); project="$who-project" ;;
    *) fail "usage: $0 token DIR [admin|alice|bob]" ;;
  esac
  token "$who" "$pw" "$project"
}

# Glance's database, from the URL `up` recorded: `python3 - ARGS <<PY` with connect() defined.
# Debian's python3, which has the MySQL driver Glance itself uses.
glance_db_python() {
  [ -f "$DIR/glance-database" ] || fail "$DIR has no Glance database"
  /usr/bin/python3 - "$(cat "$DIR/glance-database")" "$@" <<PY
import sys
from urllib.parse import urlparse
def connect(url):
    if url.startswith("sqlite:///"):
        import sqlite3
        return sqlite3.connect(url[len("sqlite:///"):], timeout=30), "?"
    import pymysql
    u = urlparse(url)
    return pymysql.connect(host=u.hostname, port=u.port or 3306, user=u.username, password=u.password or "", database=u.path.lstrip("/")), "%s"
c, mark = connect(sys.argv[1])
args = sys.argv[2:]
$(cat)
PY
}

do_bulk() {
  need_dir "${1:-}"
  [[ "${2:-}" =~ ^[0-9]+$ ]] && [ -n "${3:-}" ] || fail "usage: $0 bulk DIR N PREFIX"
  local owner; owner=$(. "$DIR/env.sh"; echo "$OSDEV_ADMIN_PROJECT_ID")
  glance_db_python "$2" "$3" "$owner" <<'PY'
import hashlib, uuid, datetime
n, prefix, owner = int(args[0]), args[1], args[2]
start = datetime.datetime.utcnow()
rows = []
for i in range(1, n + 1):
    at = (start + datetime.timedelta(microseconds=i)).strftime("%Y-%m-%d %H:%M:%S.%f")
    data = f"{prefix}-{i}".encode()
    rows.append((str(uuid.uuid4()), f"{prefix}-{i}", len(data), "active", at, at, 0, "qcow2", "bare",
                 hashlib.md5(data).hexdigest(), owner, 0, 0, 0, "public", 0, "sha512", hashlib.sha512(data).hexdigest()))
cursor = c.cursor()
cursor.executemany("INSERT INTO images (id, name, size, status, created_at, updated_at, deleted, disk_format, container_format,"
                   " checksum, owner, min_disk, min_ram, protected, visibility, os_hidden, os_hash_algo, os_hash_value)"
                   " VALUES (" + ",".join([mark] * 18) + ")", rows)
c.commit()
print(n)
PY
}

do_bulk_delete() {
  need_dir "${1:-}"
  [ -n "${2:-}" ] || fail "usage: $0 bulk-delete DIR PREFIX"
  glance_db_python "$2" <<'PY'
import datetime
at = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")
pattern = args[0].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%"
cursor = c.cursor()
cursor.execute("UPDATE images SET status = 'deleted', deleted = 1, deleted_at = " + mark + ", updated_at = " + mark +
               " WHERE deleted = 0 AND name LIKE " + mark + " ESCAPE " + mark, (at, at, pattern, "\\"))
c.commit()
print(cursor.rowcount)
PY
}

CMD=${1:-}; shift || true
case "$CMD" in
  install) do_install ;;
  up) do_up "$@" ;;
  down) do_down "$@" ;;
  status) do_status "$@" ;;
  stop) do_stop "$@" ;;
  start) do_start "$@" ;;
  token) do_token "$@" ;;
  bulk) do_bulk "$@" ;;
  bulk-delete) do_bulk_delete "$@" ;;
  *) sed -n '2,27p' "$0" >&2; exit 2 ;;
esac
