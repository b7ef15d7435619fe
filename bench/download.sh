#!/usr/bin/env bash
# Download: throughput of one 1 GiB download in one stream from Coffer (by name, with a token)
# against Debian's nginx serving the very same blob file from the same disk on loopback.
# Target: Coffer's median throughput at least 0.8 times nginx's.
#
#   bench/download.sh [--runs N] [--size-mib N]
#
# The client is curl writing to /dev/null; both servers are read once untimed first (warm JIT,
# file in the page cache) and checked to send the right bytes.
. "$(dirname "$0")/lib.sh"

runs=5
size_mib=1024
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --size-mib) size_mib="$2"; shift 2 ;;
        *) die "download.sh: unknown option '$1'; expected --runs N or --size-mib N" ;;
    esac
done

need nginx nginx
build_jar
make_work
data="$WORK/data"
start_coffer "$data"

file="$WORK/download.bin"
random_file "$file" "$size_mib"
expected="$(sha256_of "$file")"
status="$(curl -sS -o "$WORK/response.json" -w '%{http_code}' -X POST -T "$file" -H 'Expect:' \
    -H "Authorization: Bearer $TOKEN" \
    "$COFFER_URL/media?fileName=download.bin&product=bench-download&version=1.0.0")"
[ "$status" = 201 ] || die "upload answered $status: $(cat "$WORK/response.json")"
rm -f "$file"
blob="$(blob_path "$data" "$expected")"
[ -f "$blob" ] || die "the blob $expected is not at $blob"
start_nginx "$data/blobs"

coffer_url="$COFFER_URL/products/bench-download/versions/1.0.0/files/download.bin"
nginx_url="$NGINX_URL/${expected:0:2}/${expected:2:2}/$expected"
auth=(-H "Authorization: Bearer $TOKEN")

# Untimed: each server sends the right bytes, and the blob is in the page cache for both.
for url in "$coffer_url" "$nginx_url"; do
    got="$(curl -fsS "${auth[@]}" "$url" | openssl dgst -sha256 -r | cut -c1-64)"
    [ "$got" = "$expected" ] || die "$url sent bytes hashing to $got, expected $expected"
done

speed() { # prints bytes per second of one download of $1
    curl -fsS -o /dev/null -w '%{speed_download}\n' "${auth[@]}" "$1"
}

say "== download: ${size_mib} MiB in one stream, $runs runs, server heap $HEAP"
nginx_speeds=()
coffer_speeds=()
for run in $(seq "$runs"); do
    await_quiet
    if [ $((run % 2)) = 1 ]; then
        n="$(speed "$nginx_url")"; c="$(speed "$coffer_url")"
    else
        c="$(speed "$coffer_url")"; n="$(speed "$nginx_url")"
    fi
    nginx_speeds+=("$(calc "$n / 1048576")")
    coffer_speeds+=("$(calc "$c / 1048576")")
    say "run $run: nginx $(calc "$n / 1048576") MiB/s, Coffer $(calc "$c / 1048576") MiB/s"
done
nginx_median="$(median "${nginx_speeds[@]}")"
coffer_median="$(median "${coffer_speeds[@]}")"
ratio="$(calc "$coffer_median / $nginx_median")"
say "median: nginx $nginx_median MiB/s, Coffer $coffer_median MiB/s"
record "download ${size_mib} MiB: nginx / Coffer (MiB/s, median)" "$nginx_median / $coffer_median" ""
verdict "download ${size_mib} MiB throughput vs nginx" "$ratio" ">=" 0.8
stop_nginx
stop_coffer
finish
