# Sourced by ./coffer, ./run-tests and .ci/run. Exports JAVA_HOME pointing at a JDK 21 or newer,
# and puts its bin first on PATH, or stops with a message saying what to install.

coffer_java_feature() {
    # Prints the feature release (17, 21, 25, ...) of the java binary given, or nothing.
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

coffer_find_jdk() {
    local candidate feature
    for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        feature=$(coffer_java_feature "$candidate/bin/java")
        if [ -n "$feature" ] && [ "$feature" -ge 21 ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if ! COFFER_JDK=$(coffer_find_jdk); then
    echo "coffer: needs a JDK 21 or newer; none found in JAVA_HOME, on PATH or in /usr/lib/jvm." >&2
    echo "coffer: install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME." >&2
    exit 69
fi
export JAVA_HOME="$COFFER_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
