package dev.cidrstudio.console.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** grep's regular expressions on RE2: GNU grep's answers, in time linear in the input whatever the pattern. */
class GrepTest {

    private static final String LINES = "a+b\naab\nab\nb\n(x)\nx\n{1}\naa\n^a\na$b\nfoo bar\nfoobar\n[a]\na\\b\n";

    static Stream<Arguments> matches() {
        return Stream.of(
                Arguments.of("BRE + is literal", List.of("a+b"), "a+b\n"),
                Arguments.of("BRE \\+ repeats", List.of("^a\\+b$"), "aab\nab\n"),
                Arguments.of("ERE + repeats", List.of("-E", "^a+b$"), "aab\nab\n"),
                Arguments.of("ERE \\+ is literal", List.of("-E", "a\\+b"), "a+b\n"),
                Arguments.of("BRE ( is literal", List.of("(x)"), "(x)\n"),
                Arguments.of("BRE \\( groups", List.of("^\\(a\\)\\{2\\}$"), "aa\n"),
                Arguments.of("ERE groups and intervals", List.of("-E", "^(a){2}$"), "aa\n"),
                Arguments.of("BRE { is literal", List.of("{1}"), "{1}\n"),
                Arguments.of("ERE brace without interval is literal", List.of("-E", "{1"), "{1}\n"),
                Arguments.of("BRE \\| alternates", List.of("^x$\\|^b$"), "b\nx\n"),
                Arguments.of("ERE | alternates", List.of("-E", "^(x|b)$"), "b\nx\n"),
                Arguments.of("BRE ^ in the middle is literal", List.of("a^"), ""),
                Arguments.of("BRE leading ^ anchors", List.of("^\\^a"), "^a\n"),
                Arguments.of("BRE $ in the middle is literal", List.of("a$b"), "a$b\n"),
                Arguments.of("BRE leading * is literal", List.of("*"), ""),
                Arguments.of("a** is a*", List.of("-c", "^a**b$"), "3\n"),
                Arguments.of("bracket with ] first", List.of("[]x]$"), "x\n[a]\n"),
                Arguments.of("backslash in brackets is literal", List.of("a[\\]b"), "a\\b\n"),
                Arguments.of("POSIX class", List.of("-c", "^[[:alpha:]]*$"), "6\n"),
                Arguments.of("negated class", List.of("-c", "^[^ab]*$"), "3\n"),
                Arguments.of("-w whole words", List.of("-w", "foo"), "foo bar\n"),
                Arguments.of("\\< and \\> word edges", List.of("\\<bar\\>"), "foo bar\n"),
                Arguments.of("-x whole lines", List.of("-x", "-E", "a|b|x"), "b\nx\n"),
                Arguments.of("-i", List.of("-i", "FOOBAR"), "foobar\n"),
                Arguments.of("-F takes the pattern literally", List.of("-F", "a$b"), "a$b\n"),
                Arguments.of("\\w", List.of("-c", "^\\w\\w$"), "2\n"),
                Arguments.of("patterns on lines are alternatives", List.of("-x", "b\nx"), "b\nx\n"),
                Arguments.of("a stray backslash before a letter is the letter", List.of("-x", "\\x"), "x\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void grepFindsWhatGnuGrepFinds(String name, List<String> args, String expected) {
        ExecResult r = Grep.run(args, LINES);
        assertEquals("", r.stderr(), name);
        assertEquals(expected, r.stdout(), name);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("back-reference", List.of("\\(a\\)\\1"), "Invalid back reference"),
                Arguments.of("ERE back-reference", List.of("-E", "(a)\\1"), "Invalid back reference"),
                Arguments.of("unmatched \\(", List.of("\\(a"), "Unmatched ( or \\("),
                Arguments.of("unmatched (", List.of("-E", "(a"), "Unmatched ( or \\("),
                Arguments.of("unmatched )", List.of("-E", "a)"), "Unmatched ) or \\)"),
                Arguments.of("unmatched [", List.of("[a"), "Unmatched [, [^, [:, [., or [="),
                Arguments.of("unmatched \\{", List.of("a\\{1"), "Unmatched \\{"),
                Arguments.of("interval backwards", List.of("a\\{2,1\\}"), "Invalid content of \\{\\}"),
                Arguments.of("trailing backslash", List.of("a\\"), "Trailing backslash"),
                Arguments.of("range backwards", List.of("[z-a]"), "Invalid range end"),
                Arguments.of("unknown class", List.of("[[:nope:]]"), "Invalid character class name"),
                Arguments.of("class outside brackets", List.of("[:space:]"),
                        "character class syntax is [[:space:]], not [:space:]"),
                Arguments.of("huge repeat", List.of("-E", "a{5000}"), "Regular expression too big"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void badPatternsGetGrepsMessage(String name, List<String> args, String message) {
        assertEquals(new ExecResult("", "grep: " + message + "\n", 2), Grep.run(args, "a\n"), name);
    }

    static Stream<Arguments> catastrophic() {
        return Stream.of(
                Arguments.of(List.of("-E", "(a+)+$")),
                Arguments.of(List.of("-E", "^(a|aa)*$")),
                Arguments.of(List.of("\\(a*\\)*b")),
                Arguments.of(List.of("-E", "^(a?){40}a{40}$")),
                Arguments.of(List.of("-x", "-E", "(.*a){20}")));
    }

    @ParameterizedTest
    @MethodSource("catastrophic")
    void aCatastrophicPatternReturnsAtOnce(List<String> args) {
        String line = "a".repeat(5_000) + "!\n";
        String input = line.repeat(20);
        ExecResult r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Grep.run(args, input));
        assertEquals(1, r.exitCode(), r.stderr());
    }

    @ParameterizedTest
    @MethodSource("contexts")
    void aHugeContextIsTheWholeInput(String n) {
        assertEquals(new ExecResult("1\n2\n3\n", "", 0), Grep.run(List.of("-C", n, "2"), "1\n2\n3\n"));
    }

    static Stream<String> contexts() {
        return Stream.of("99999999999999999999", "2147483647");
    }
}
