package dev.cidrstudio.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trainer's {@code matches:} and {@code typed:} patterns run on RE2, as Go's regexp does: linear in what they
 * look at, so no pattern hangs the window that runs the check.
 */
class CheckPatternsTest {

    private static final String LONG = "a".repeat(5_000) + "!";

    private static Rehearsal rehearsal() throws Exception {
        return Training.builtIn("hostaliases").orElseThrow().build().get().start();
    }

    @Test
    void aCatastrophicMatchesPatternReturnsAtOnce() throws Exception {
        Rehearsal r = rehearsal();
        Check check = new Check.OutputCheck("long", "echo " + LONG, true, "^(a+)+$");
        CheckResult result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> r.evaluate(check));
        assertFalse(result.passed());
    }

    @Test
    void aCatastrophicTypedPatternReturnsAtOnce() throws Exception {
        Rehearsal r = rehearsal();
        r.type("echo " + LONG);
        Check check = new Check.TypedCheck("typed", "echo", "^echo (a|aa)+$");
        CheckResult result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> r.evaluate(check));
        assertFalse(result.passed());
    }

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("a plain match", "^service/k", true, ""),
                Arguments.of("RE2 classes", "\\bkubernetes$", true, ""),
                Arguments.of("no match", "^pod/", false, "\"kubectl get svc -o name\" prints \"service/kubernetes\", "
                        + "without \"^pod/\""),
                Arguments.of("a back-reference is not RE2", "(s)\\1", false,
                        "the check's pattern is not a valid regular expression: error parsing regexp: invalid escape "
                                + "sequence: `\\1`"),
                Arguments.of("a look-ahead is not RE2", "service(?=/)", false,
                        "the check's pattern is not a valid regular expression: error parsing regexp: invalid or "
                                + "unsupported Perl syntax: `(?=`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void matchesIsGoRegexp(String name, String pattern, boolean passes, String detail) throws Exception {
        CheckResult result = rehearsal().evaluate(new Check.OutputCheck(name, "kubectl get svc -o name", true,
                pattern));
        assertEquals(passes, result.passed(), result.detail());
        assertEquals(detail, result.detail());
    }

    @Test
    void aTypedPatternRe2RefusesIsTheChecksFailureNotACrash() throws Exception {
        Rehearsal r = rehearsal();
        r.type("kubectl get svc");
        CheckResult result = r.evaluate(new Check.TypedCheck("typed", "kubectl get svc", "(?<=kubectl) get"));
        assertFalse(result.passed());
        assertTrue(result.detail().startsWith("the check's pattern is not a valid regular expression: "),
                result.detail());
    }

    @Test
    void theLeadingWordsPatternMatchesHoweverTheCommandIsSpaced() throws Exception {
        Rehearsal r = rehearsal();
        r.type("  kubectl   get    svc -A");
        assertTrue(r.evaluate(new Check.TypedCheck("typed", "kubectl get svc", Training.leadingWords(
                "kubectl get svc"))).passed());
    }

    @Test
    void anOutputOfManyBlankLinesIsComparedAtOnce() throws Exception {
        Rehearsal r = rehearsal();
        String manyBlankLines = "for i in $(seq 1 30); do printf '\\n%.0s' $(seq 1 10000); done; echo x";
        CheckResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> r.evaluate(
                new Check.OutputCheck("blank", manyBlankLines, false, "x")));
        assertTrue(result.passed(), result.detail());
    }
}
