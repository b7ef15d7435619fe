#!/usr/bin/env bash
# Catalog: with 1,000,000 media items in SQLite (made through the real migrations), the latency of
# one lookup by digest and of listing one product's versions in scheme order, measured by JMH in
# sample-time mode (src/test/java/io/coffer/bench/CatalogBench.java). Target: p99 under 5 ms each.
#
#   bench/catalog.sh [--threads N] [--quick] [--keep DIR]
#
# --keep DIR makes the catalog in DIR and leaves it there, so a second run skips the filling.
. "$(dirname "$0")/lib.sh"

args=()
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --threads) args+=(--threads "$2"); shift 2 ;;
        --quick) args+=(--quick); shift ;;
        --keep) keep="$2"; shift 2 ;;
        *) die "catalog.sh: unknown option '$1'; expected --threads N, --quick or --keep DIR" ;;
    esac
done

make_work
note "compiling the benchmark and resolving its class path ..."
(cd "$REPO" && mvn -B -q -DskipTests test-compile \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt") >&2
classpath="$REPO/target/test-classes:$REPO/target/classes:$(cat "$WORK/classpath.txt")"
data="${keep:-$WORK/catalog}"

await_quiet
say "== catalog: 1,000,000 media items in SQLite, JMH sample time"
java -Xmx"$HEAP" -cp "$classpath" io.coffer.bench.CatalogBench --data "$data" "${args[@]}" \
    >"$WORK/jmh.txt" 2>"$WORK/jmh.err" || { tail -50 "$WORK/jmh.err" "$WORK/jmh.txt" >&2; die "CatalogBench failed"; }
grep -E '^filled' "$WORK/jmh.txt" || true
sed -n '/^catalog of/,$p' "$WORK/jmh.txt"
while IFS= read -r line; do
    result="${line%%:*}"
    [ "$result" = FAIL ] && BENCH_FAILED=1
    if [ -n "${BENCH_SUMMARY:-}" ]; then
        figure="$(sed -E 's/.* (p99 [0-9.]+ ms).*/\1/' <<<"$line")"
        name="$(sed -E 's/^[A-Z]+: (catalog [A-Za-z]+) .*/\1/' <<<"$line")"
        printf '%s\t%s\t%s\t%s\n' "$name" "$figure" "< 5 ms" "$result" >>"$BENCH_SUMMARY"
    fi
done < <(grep -E '^(PASS|FAIL):' "$WORK/jmh.txt")
finish
