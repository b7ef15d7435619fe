package io.coffer.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Assertions on the order a scheme gives to versions written down in rising order. */
final class OrderAssertions {

    private OrderAssertions() {
    }

    /** Each version ranks strictly below the next, by the scheme's precedence alone. */
    static void assertRising(VersionScheme scheme, String... versions) {
        for (int i = 0; i + 1 < versions.length; i++) {
            assertThat(scheme.problem(versions[i])).as("problem with %s", versions[i]).isEmpty();
            assertThat(scheme.comparator().compare(versions[i], versions[i + 1]))
                    .as("%s against %s", versions[i], versions[i + 1]).isNegative();
        }
        List<String> reversed = new ArrayList<>(List.of(versions));
        Collections.reverse(reversed);
        assertThat(scheme.sorted(reversed, v -> v, v -> 0)).containsExactly(versions);
    }
}
