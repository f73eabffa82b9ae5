package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-expression cost limit fires before memory runs out: functions whose result size an argument chooses are
 * charged before they build anything, and a cancelled evaluation stays cancelled.
 */
class CelCostLimitsTest {

    private static final String S64 = "x".repeat(64);

    static Stream<String> runaway() {
        return Stream.of(
                "lists.range(2000000000).size() > 0",
                "lists.range(9223372036854775807).size() > 0",
                "lists.range(1000001).size() > 0",
                "lists.range(2000000000).size() > 0 || true",
                "true && lists.range(2000000000).size() > 0",
                "lists.range(100000).map(x, lists.range(100000)).size() > 0",
                "['" + S64 + "'.replace('x', '" + S64 + "')].map(s, s.replace('x', s).replace('x', s)).size() > 0",
                "'ab'.replace('', '" + S64 + "').replace('', '" + S64 + "').replace('', '" + S64 + "')"
                        + ".replace('', '" + S64 + "').size() > 0");
    }

    @ParameterizedTest
    @MethodSource("runaway")
    void aRunawayExpressionIsCancelledAtTheCostLimitQuickly(String expression) {
        KubeCel.Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> KubeCel.shared().evaluate(expression, Map.of()));
        assertEquals(KubeCel.COST_EXCEEDED, o.error(), String.valueOf(o));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("lists.range(5) == [0, 1, 2, 3, 4]", true),
                Arguments.of("lists.range(0).size() == 0", true),
                Arguments.of("lists.range(-3).size() == 0", true),
                Arguments.of("lists.range(3) + [3] == [0, 1, 2, 3]", true),
                Arguments.of("lists.range(1000).all(i, i < 1000)", true),
                Arguments.of("'ab'.replace('', '-') == '-a-b-'", true),
                Arguments.of("'aaa'.replace('a', 'b', 2) == 'bba'", true),
                Arguments.of("'aaa'.replace('a', 'b', -1) == 'bbb'", true),
                Arguments.of("'aaa'.replace('a', 'b', 0) == 'aaa'", true),
                Arguments.of("'abcb'.replace('b', 'xy') == 'axycxy'", true),
                Arguments.of("'héllo'.replace('', '.') == '.h.é.l.l.o.'", true),
                Arguments.of("'aaaa'.replace('aa', 'b') == 'bb'", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void theMeteredFunctionsGiveCelGosResults(String expression, Object value) {
        KubeCel.Outcome o = KubeCel.shared().evaluate(expression, Map.of());
        assertEquals(value, o.value(), String.valueOf(o));
    }
}
