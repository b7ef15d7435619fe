#!/usr/bin/env bash
# Runs every benchmark in turn and prints one table of the figures, ratios and verdicts at the end.
# Exit status 0 when every target was met. Options are passed to none of the scripts; set them
# through the environment instead (COFFER_BENCH_HEAP, BENCH_TMP, BENCH_WAIT_QUIET).
#
#   bench/run-all.sh [--no-big]      (--no-big skips the 4 GiB upload)
. "$(dirname "$0")/lib.sh"

ingest_args=()
case "${1:-}" in
    --no-big) ingest_args+=(--no-big) ;;
    "") ;;
    *) die "run-all.sh: unknown option '$1'; expected --no-big" ;;
esac

need column bsdextrautils
build_jar
summary="$(mktemp "${BENCH_TMP:-/var/tmp}/coffer-bench-summary.XXXXXX")"
trap 'rm -f "$summary"' EXIT
export BENCH_SUMMARY="$summary"

say "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
    "$(free -g | awk '/^Mem:/ { print $2 }') GiB memory; Java $(java -version 2>&1 | head -1)"
say "data disk: $(df -h "${BENCH_TMP:-/var/tmp}" | awk 'NR == 2 { print $1 " (" $2 ", mounted on " $6 ")" }')"
failed=0
for script in ingest.sh download.sh small.sh catalog.sh; do
    args=()
    [ "$script" = ingest.sh ] && args=("${ingest_args[@]}")
    say ""
    if ! "$BENCH_HOME/$script" "${args[@]}"; then
        failed=1
    fi
done

say ""
say "== summary"
{
    printf 'measurement\tfigure\ttarget\tresult\n'
    cat "$summary"
} | column -t -s $'\t'
exit "$failed"
