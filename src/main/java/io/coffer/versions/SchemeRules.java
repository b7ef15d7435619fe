package io.coffer.versions;

/**
 * What one scheme knows about its versions: whether a text fits, and how two fitting texts rank.
 * Both methods only ever see text that passed {@link VersionText#commonProblem}.
 */
interface SchemeRules {

    /**
     * Why the version does not fit the scheme, phrased to follow "'x' is not a ... version: ", or
     * null when it fits.
     */
    String problem(String version);

    /**
     * Ranks two versions that both fit the scheme: negative, zero or positive as {@code a} comes
     * before, ranks with or comes after {@code b}. Zero is allowed for different texts; the caller
     * breaks such ties.
     */
    int precedence(String a, String b);
}
