#!/usr/bin/env bash
# Ingest: how long Coffer takes to take a 1 GiB file through the API (stream, hash, fsync, rename,
# catalog), against the time dd takes to make a durable copy of the same file on the same disk
# (dd bs=1M conv=fsync). Target: Coffer's median time at most 1.3 times dd's. Then a 4 GiB upload
# at the same 128 MiB heap must succeed and be stored whole (size and SHA-256 of the blob on disk).
#
#   bench/ingest.sh [--runs N] [--size-mib N] [--no-big]
#
# Each run uses a new random file (so every push stores a new blob, as in real use), flushes all
# dirty pages first, and alternates which of dd and Coffer goes first: on the virtual disk this was
# written on, whichever writes second is often faster, so an even number of runs keeps it fair.
# Page caches are not dropped: both read the source file from memory and must get their copy onto
# the disk.
. "$(dirname "$0")/lib.sh"

runs=6
size_mib=1024
big=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --size-mib) size_mib="$2"; shift 2 ;;
        --no-big) big=0; shift ;;
        --big) big=1; shift ;;
        *) die "ingest.sh: unknown option '$1'; expected --runs N, --size-mib N, --big or --no-big" ;;
    esac
done

build_jar
make_work
data="$WORK/data"
start_coffer "$data"

push() { # push FILE VERSION: prints "HTTP_STATUS SECONDS", leaves the response in $WORK/response.json
    curl -sS -o "$WORK/response.json" -w '%{http_code} %{time_total}\n' -X POST -T "$1" -H 'Expect:' \
        -H "Authorization: Bearer $TOKEN" \
        "$COFFER_URL/media?fileName=$(basename "$1")&product=bench-ingest&version=$2"
}

# Warm the server up (JIT, connection pool, first catalog writes) with a smaller upload.
random_file "$WORK/warmup.bin" 128
read -r status _ < <(push "$WORK/warmup.bin" 0.0.1)
[ "$status" = 201 ] || die "warm-up upload answered $status: $(cat "$WORK/response.json")"
rm -f "$WORK/warmup.bin"

say "== ingest: ${size_mib} MiB, $runs runs, server heap $HEAP"
dd_times=()
coffer_times=()
for run in $(seq "$runs"); do
    file="$WORK/run$run.bin"
    random_file "$file" "$size_mib"
    expected="$(sha256_of "$file")"
    await_quiet

    measure_dd() {
        sync
        local start end
        start="$(now_ns)"
        dd if="$file" of="$WORK/copy.bin" bs=1M conv=fsync status=none
        end="$(now_ns)"
        dd_time="$(calc "($end - $start) / 1e9")"
        rm -f "$WORK/copy.bin"
    }
    measure_coffer() {
        sync
        read -r status coffer_time < <(push "$file" "1.0.$run")
        coffer_time="$(calc "$coffer_time")"
        [ "$status" = 201 ] || die "upload of run $run answered $status: $(cat "$WORK/response.json")"
        [ "$(jq -r .item.sha256 "$WORK/response.json")" = "$expected" ] \
            || die "run $run: Coffer stored digest $(jq -r .item.sha256 "$WORK/response.json"), expected $expected"
    }
    if [ $((run % 2)) = 1 ]; then measure_dd; measure_coffer; else measure_coffer; measure_dd; fi

    dd_times+=("$dd_time")
    coffer_times+=("$coffer_time")
    say "run $run: dd ${dd_time} s ($(calc "$size_mib / $dd_time") MiB/s), Coffer ${coffer_time} s ($(calc "$size_mib / $coffer_time") MiB/s)"
    rm -f "$file"
done
dd_median="$(median "${dd_times[@]}")"
coffer_median="$(median "${coffer_times[@]}")"
ratio="$(calc "$coffer_median / $dd_median")"
say "median: dd $dd_median s ($(calc "$size_mib / $dd_median") MiB/s), Coffer $coffer_median s ($(calc "$size_mib / $coffer_median") MiB/s)"
record "ingest ${size_mib} MiB: dd / Coffer (s, median)" "$dd_median / $coffer_median" ""
verdict "ingest ${size_mib} MiB time vs dd conv=fsync" "$ratio" "<=" 1.3

if [ "$big" = 1 ]; then
    say "== ingest: 4 GiB at heap $HEAP"
    file="$WORK/big.bin"
    random_file "$file" 4096
    expected="$(sha256_of "$file")"
    sync
    await_quiet
    read -r status seconds < <(push "$file" 4.0.0)
    stored_size="$(jq -r .item.size "$WORK/response.json" 2>/dev/null || echo none)"
    stored_sha="$(jq -r .item.sha256 "$WORK/response.json" 2>/dev/null || echo none)"
    rm -f "$file"
    blob="$(blob_path "$data" "$expected")"
    disk_size="$(stat -c %s "$blob" 2>/dev/null || echo none)"
    disk_sha="$( [ -f "$blob" ] && sha256_of "$blob" || echo none)"
    rss_kib="$(awk '/VmHWM/ { print $2 }' "/proc/$COFFER_PID/status" 2>/dev/null || echo '?')"
    say "4 GiB: HTTP $status in $seconds s ($(calc "4096 / $seconds") MiB/s); catalog size $stored_size sha256 $stored_sha"
    say "4 GiB: blob on disk $disk_size bytes, sha256 $disk_sha; server peak RSS $((rss_kib / 1024)) MiB"
    if [ "$status" = 201 ] && [ "$stored_size" = 4294967296 ] && [ "$disk_size" = 4294967296 ] \
            && [ "$stored_sha" = "$expected" ] && [ "$disk_sha" = "$expected" ] \
            && kill -0 "$COFFER_PID" 2>/dev/null && ! grep -q OutOfMemoryError "$data.log"; then
        result=PASS
    else
        result=FAIL
    fi
    say "$result: 4 GiB upload at -Xmx$HEAP stored whole (expected sha256 $expected)"
    [ "$result" = PASS ] || BENCH_FAILED=1
    if [ -n "${BENCH_SUMMARY:-}" ]; then
        printf '%s\t%s\t%s\t%s\n' "ingest 4 GiB at -Xmx$HEAP" "${seconds} s" "stored whole" "$result" \
            >>"$BENCH_SUMMARY"
    fi
fi
stop_coffer
finish
