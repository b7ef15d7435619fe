#!/usr/bin/env bash
# Small downloads: requests per second for one 64 KiB file with 50 concurrent keep-alive clients
# (wrk, a bearer token on every request), from Coffer by name and by digest, against Debian's
# nginx serving the same blob file. Target: each Coffer path at least 0.4 times nginx's rate.
#
#   bench/small.sh [--seconds N] [--warmup N] [--connections N]
#
# Each measurement follows an untimed warm-up against the same URL and runs for a fixed time.
. "$(dirname "$0")/lib.sh"

seconds=10
warmup=5
connections=50
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        *) die "small.sh: unknown option '$1'; expected --seconds N, --warmup N or --connections N" ;;
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
# rate URL: warms up, measures, prints requests per second; refuses a run with errors or non-2xx
# answers, since their rate would not be a rate of downloads.
rate() {
    local url="$1" out
    wrk -t"$threads" -c"$connections" -d"${warmup}s" -H "$header" "$url" >/dev/null
    await_quiet
    out="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -H "$header" "$url")"
    printf '%s\n' "$out" >>"$WORK/wrk.txt"
    if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
        printf '%s\n' "$out" >&2
        die "wrk saw errors against $url"
    fi
    awk '/Requests\/sec:/ { print $2 }' <<<"$out"
}
latency() { # the 99th percentile line of the last wrk run
    awk '/ 99% / { print $2 }' "$WORK/wrk.txt" | tail -1
}

say "== small: 64 KiB, $connections keep-alive connections, $threads wrk threads, ${seconds} s after ${warmup} s warm-up"
nginx_rps="$(rate "$nginx_url")"
say "nginx:            $nginx_rps req/s (p99 $(latency))"
name_rps="$(rate "$by_name")"
say "Coffer by name:   $name_rps req/s (p99 $(latency))"
digest_rps="$(rate "$by_digest")"
say "Coffer by digest: $digest_rps req/s (p99 $(latency))"
record "small 64 KiB: nginx / by name / by digest (req/s)" "$nginx_rps / $name_rps / $digest_rps" ""
verdict "small 64 KiB by name vs nginx req/s" "$(calc "$name_rps / $nginx_rps")" ">=" 0.4
verdict "small 64 KiB by digest vs nginx req/s" "$(calc "$digest_rps / $nginx_rps")" ">=" 0.4
stop_nginx
stop_coffer
finish
