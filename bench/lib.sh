# Sourced by the bench/ scripts. Finds a JDK and builds the jar, installs the Debian tools a script
# needs, starts and stops Coffer and nginx on 127.0.0.1 only, and does the arithmetic and the
# PASS/FAIL lines. Every process a script starts is recorded here and stopped by its pid when the
# script exits, however it exits; the script's work directory is deleted then too.

set -euo pipefail

BENCH_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH_HOME")"
. "$REPO/scripts/find-jdk.sh"

# COFFER_BENCH_JAR runs another build, e.g. to compare a change with the one before it.
JAR="${COFFER_BENCH_JAR:-$REPO/target/coffer.jar}"
HEAP="${COFFER_BENCH_HEAP:-128m}"
BENCH_PIDS=()
WORK=""
BENCH_FAILED=0

say() { printf '%s\n' "$*"; }
note() { printf '  %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# Makes the jar when it is missing or older than the sources.
build_jar() {
    [ -z "${COFFER_BENCH_JAR:-}" ] || return 0
    if [ ! -f "$JAR" ] || [ -n "$(find "$REPO/pom.xml" "$REPO/src/main" -newer "$JAR" -print -quit)" ]; then
        note "building $JAR ..."
        (cd "$REPO" && mvn -B -q -DskipTests package) >&2
    fi
}

# need COMMAND PACKAGE: installs PACKAGE from Debian when COMMAND is missing.
need() {
    local command="$1" package="$2"
    command -v "$command" >/dev/null 2>&1 || [ -x "/usr/sbin/$command" ] && return 0
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null \
        || die "needs $command: install it (apt-get install $package)"
    note "installing $package ..."
    if [ -z "${BENCH_APT_UPDATED:-}" ]; then
        apt-get update -qq >&2
        BENCH_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
}

# Creates the work directory. The blobs and the copies must share one file system so that the
# reference tools and Coffer write to and read from the same disk; BENCH_TMP chooses where.
make_work() {
    local parent="${BENCH_TMP:-/var/tmp}"
    WORK="$(mktemp -d "$parent/coffer-bench.XXXXXX")"
    # nginx's workers run as nobody when started by root; they must reach the blob files.
    chmod 755 "$WORK"
    trap cleanup EXIT
    trap 'exit 130' INT TERM
}

cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        stop_pid "$pid"
    done
    if [ -n "$WORK" ] && [ -d "$WORK" ]; then
        rm -rf "$WORK"
    fi
}

stop_pid() {
    local pid="$1" i
    kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for i in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
}

# Prints a loopback port nothing listens on, starting the search at $1.
free_port() {
    local port="$1"
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        port=$((port + 1))
    done
    printf '%s\n' "$port"
}

# start_coffer DATA_DIR: starts a server at the benchmark heap; sets COFFER_PID, COFFER_URL and
# TOKEN. Extra JVM options come from COFFER_BENCH_JAVA_OPTS (e.g. for JFR while profiling).
start_coffer() {
    local data="$1" port i
    port="$(free_port 18420)"
    mkdir -p "$data"
    # shellcheck disable=SC2086
    java -Xmx"$HEAP" ${COFFER_BENCH_JAVA_OPTS:-} -jar "$JAR" serve --data "$data" --host 127.0.0.1 \
        --port "$port" >"$data.log" 2>&1 &
    COFFER_PID=$!
    BENCH_PIDS+=("$COFFER_PID")
    COFFER_URL="http://127.0.0.1:$port/api/v1"
    for i in $(seq 300); do
        if curl -fs "$COFFER_URL/ready" >/dev/null 2>&1; then
            TOKEN="$(tr -d '[:space:]' <"$data/admin.token")"
            return 0
        fi
        kill -0 "$COFFER_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$data.log" >&2
    die "Coffer did not become ready on port $port"
}

stop_coffer() {
    stop_pid "$COFFER_PID"
}

# start_nginx ROOT: serves the files under ROOT on a loopback port with Debian's nginx in its
# stock shape (sendfile, a worker per core), logging nothing per request; sets NGINX_URL.
# keepalive_requests is raised so that, like Coffer, it never closes a keep-alive connection in the
# middle of a measurement.
start_nginx() {
    local root="$1" port dir="$WORK/nginx" i
    port="$(free_port 18080)"
    mkdir -p "$dir"
    cat >"$dir/nginx.conf" <<EOF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type application/octet-stream;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    server {
        listen 127.0.0.1:$port;
        root $root;
    }
}
EOF
    /usr/sbin/nginx -c "$dir/nginx.conf" -p "$dir" -g 'daemon off;' 2>>"$dir/error.log" &
    NGINX_PID=$!
    BENCH_PIDS+=("$NGINX_PID")
    NGINX_URL="http://127.0.0.1:$port"
    for i in $(seq 100); do
        [ -s "$dir/nginx.pid" ] && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        kill -0 "$NGINX_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$dir/error.log" >&2
    die "nginx did not start on port $port"
}

stop_nginx() {
    stop_pid "$NGINX_PID"
}

# random_file PATH SIZE_MIB: incompressible content, flushed to disk so that it leaves no dirty
# pages behind to be written during a measurement.
random_file() {
    head -c "$(($2 * 1024 * 1024))" /dev/urandom >"$1"
    sync
}

sha256_of() {
    if command -v openssl >/dev/null; then
        openssl dgst -sha256 -r "$1" | cut -c1-64
    else
        sha256sum "$1" | cut -c1-64
    fi
}

# Where Coffer keeps the blob with digest $2 in data directory $1.
blob_path() {
    printf '%s/blobs/%s/%s/%s\n' "$1" "${2:0:2}" "${2:2:2}" "$2"
}

now_ns() { date +%s%N; }

# Percent of all CPU time that was not idle over one second.
cpu_busy() {
    local a b i total=0 idle
    read -r -a a </proc/stat
    sleep 1
    read -r -a b </proc/stat
    for i in 1 2 3 4 5 6 7 8; do
        total=$((total + b[i] - a[i]))
    done
    idle=$((b[4] - a[4] + b[5] - a[5]))
    printf '%s\n' $((total > 0 ? 100 * (total - idle) / total : 0))
}

# A figure taken while other processes use the CPUs says little, and on a shared machine they
# may: waits up to BENCH_WAIT_QUIET seconds (default 0) for the CPUs to be at most 10% busy, and
# warns, naming the busiest processes, when they are not.
await_quiet() {
    local waited=0 busy limit="${BENCH_WAIT_QUIET:-0}"
    busy="$(cpu_busy)"
    while [ "$busy" -gt 10 ] && [ "$waited" -lt "$limit" ]; do
        sleep 4
        waited=$((waited + 5))
        busy="$(cpu_busy)"
    done
    if [ "$busy" -gt 10 ]; then
        note "WARNING: the CPUs were ${busy}% busy before this measurement; its figures are disturbed by:"
        top -b -n 2 -d 0.5 -o %CPU | awk '/^top -/ { frame++ }
            frame == 2 && $1 ~ /^[0-9]+$/ && $9 > 5 { print "      " $9 "% " $12 " (pid " $1 ")" }' \
            | head -3 >&2
    fi
}

# Median of the numbers given as arguments.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# calc EXPRESSION: floating-point arithmetic, printed with 3 decimals.
calc() { awk "BEGIN { printf \"%.3f\n\", $* }"; }

# verdict NAME RATIO OP TARGET: prints the PASS/FAIL line and appends it to BENCH_SUMMARY when set
# (run-all.sh collects them there). OP is <= (a time ratio) or >= (a throughput ratio).
verdict() {
    local name="$1" ratio="$2" op="$3" target="$4" result
    if awk "BEGIN { exit !($ratio $op $target) }"; then result=PASS; else result=FAIL; fi
    say "$result: $name: ratio $ratio (target $op $target)"
    [ "$result" = PASS ] || BENCH_FAILED=1
    if [ -n "${BENCH_SUMMARY:-}" ]; then
        printf '%s\t%s\t%s %s\t%s\n' "$name" "$ratio" "$op" "$target" "$result" >>"$BENCH_SUMMARY"
    fi
}

# Ends a script: exit status 0 when every target was met, 1 when one was missed.
finish() {
    exit "$BENCH_FAILED"
}

# A line of extra facts for the summary (a figure without a target).
record() {
    if [ -n "${BENCH_SUMMARY:-}" ]; then
        printf '%s\t%s\t%s\t%s\n' "$1" "$2" "-" "$3" >>"$BENCH_SUMMARY"
    fi
}
