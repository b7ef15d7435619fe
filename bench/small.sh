#!/usr/bin/env bash
# Small downloads: requests per second for one 64 KiB file with 50 concurrent keep-alive clients
# (wrk, a bearer token on every request), from Coffer by name and by digest, against Debian's
# nginx serving the same blob file. Target: each Coffer path at least 0.4 times nginx's rate.
#
#   bench/small.sh [--seconds N] [--warmup N] [--connections N] [--runs N]
#
# Each URL is first warmed up (at least --warmup seconds, until its rate holds still, at most 60 s);
# then the three are measured in turn, --runs times, and the medians are compared.
. "$(dirname "$0")/lib.sh"

seconds=10
warmup=15
connections=50
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        *) die "small.sh: unknown option '$1'; expected --seconds N, --warmup N, --connections N or --runs N" ;;
    esac
done

need nginx nginx
need wrk wrk
build_jar
make_work
data="$WORK/data"
start_coffer "$data"

file="$WORK/small.bin"
head -c 65536 /dev/urandom >"$file"
expected="$(sha256_of "$file")"
status="$(curl -sS -o "$WORK/response.json" -w '%{http_code}' -X POST -T "$file" -H 'Expect:' \
    -H "Authorization: Bearer $TOKEN" \
    "$COFFER_URL/media?fileName=small.bin&product=bench-small&version=1.0.0")"
[ "$status" = 201 ] || die "upload answered $status: $(cat "$WORK/response.json")"
start_nginx "$data/blobs"

by_name="$COFFER_URL/products/bench-small/versions/1.0.0/files/small.bin"
by_digest="$COFFER_URL/blobs/$expected"
nginx_url="$NGINX_URL/${expected:0:2}/${expected:2:2}/$expected"
header="Authorization: Bearer $TOKEN"
for url in "$by_name" "$by_digest" "$nginx_url"; do
    got="$(curl -fsS -H "$header" "$url" | openssl dgst -sha256 -r | cut -c1-64)"
    [ "$got" = "$expected" ] || die "$url sent bytes hashing to $got, expected $expected"
done

threads="$(nproc)"
load() { # load URL SECONDS [--latency]: runs wrk, prints its report
    wrk -t"$threads" -c"$connections" -d"$2s" ${3:-} -H "$header" "$1"
}
rate_of() { awk '/Requests\/sec:/ { print $2 }' <<<"$1"; }
p99_of() { awk '$1 == "99%" { print $2 }' <<<"$1"; }

# Warms a server up until its rate holds still (two 5 s rounds within 5% of each other) after at
# least the given warm-up, and at most 60 s: the JIT needs long when handler threads keep both
# cores busy.
warm() {
    local url="$1" previous=0 current elapsed=0
    while [ "$elapsed" -lt 60 ]; do
        current="$(rate_of "$(load "$url" 5)")"
        elapsed=$((elapsed + 5))
        if [ "$elapsed" -ge "$warmup" ] \
                && awk "BEGIN { exit !($current > 0.95 * $previous && $current < 1.05 * $previous) }"; then
            break
        fi
        previous="$current"
    done
    note "warmed up $url for ${elapsed} s, last $current req/s"
}

# One measurement: refuses a run with errors or non-2xx answers, since its rate would not be a
# rate of downloads. Prints "RATE P99".
measure() {
    local out
    out="$(load "$1" "$seconds" --latency)"
    if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
        printf '%s\n' "$out" >&2
        die "wrk saw errors against $1"
    fi
    printf '%s %s\n' "$(rate_of "$out")" "$(p99_of "$out")"
}

say "== small: 64 KiB, $connections keep-alive connections, $threads wrk threads, $runs runs of ${seconds} s"
for url in "$nginx_url" "$by_name" "$by_digest"; do
    warm "$url"
done
names=(nginx "Coffer by name" "Coffer by digest")
urls=("$nginx_url" "$by_name" "$by_digest")
rates=("" "" "")
for run in $(seq "$runs"); do
    line="run $run:"
    for i in 0 1 2; do
        await_quiet
        read -r rate p99 < <(measure "${urls[$i]}")
        rates[i]="${rates[i]} $rate"
        line="$line ${names[$i]} $rate req/s (p99 $p99);"
    done
    say "${line%;}"
done
# shellcheck disable=SC2086
nginx_rps="$(median ${rates[0]})"
# shellcheck disable=SC2086
name_rps="$(median ${rates[1]})"
# shellcheck disable=SC2086
digest_rps="$(median ${rates[2]})"
say "median: nginx $nginx_rps req/s, Coffer by name $name_rps req/s, by digest $digest_rps req/s"
record "small 64 KiB: nginx / by name / by digest (req/s)" "$nginx_rps / $name_rps / $digest_rps" ""
verdict "small 64 KiB by name vs nginx req/s" "$(calc "$name_rps / $nginx_rps")" ">=" 0.4
verdict "small 64 KiB by digest vs nginx req/s" "$(calc "$digest_rps / $nginx_rps")" ">=" 0.4
stop_nginx
stop_coffer
finish
