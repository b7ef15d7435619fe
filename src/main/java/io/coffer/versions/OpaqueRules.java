package io.coffer.versions;

/**
 * Versions that carry no order of their own, such as build labels or code names. Any text that
 * passes the checks shared by all schemes fits, and all versions rank together: their order
 * comes from when they were uploaded.
 */
final class OpaqueRules implements SchemeRules {

    @Override
    public String problem(String version) {
        return null;
    }

    @Override
    public int precedence(String a, String b) {
        return 0;
    }
}
