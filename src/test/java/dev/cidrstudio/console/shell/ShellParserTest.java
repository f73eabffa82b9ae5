package dev.cidrstudio.console.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser's tree for each shell form, and its one-line error for each form it refuses. */
class ShellParserTest {

    static Stream<Arguments> trees() {
        return Stream.of(
                Arguments.of("simple command", "kubectl get svc", "(cmd kubectl get svc)"),
                Arguments.of("quotes", "echo 'a b' \"c $X\" d\\ e",
                        "(cmd echo 'a b' 'c '\"${X}\" d'\\ 'e)".replace("'\\ '", "' '")),
                Arguments.of("empty quotes are a word", "echo \"\" ''", "(cmd echo '' '')"),
                Arguments.of("pipeline", "kubectl get svc -o json | jq -r .items | head -1",
                        "(pipe (cmd kubectl get svc -o json) (cmd jq -r .items) (cmd head -1))"),
                Arguments.of("negated pipeline", "! grep -q x", "(! pipe (cmd grep -q x))"),
                Arguments.of("and-or with a failing kubectl", "kubectl get svc nope && echo found || echo missing",
                        "(or (and (cmd kubectl get svc nope) (cmd echo found)) (cmd echo missing))"),
                Arguments.of("sequence", "a; b ; c", "(seq (cmd a) (cmd b) (cmd c))"),
                Arguments.of("assignment then use", "X=1; kubectl create service clusterip web-$X --tcp 80",
                        "(seq (cmd X=1) (cmd kubectl create service clusterip web-${X} --tcp 80))"),
                Arguments.of("assignment before a command", "IFS= read -r line", "(cmd IFS= read -r line)"),
                Arguments.of("command substitution with jsonpath",
                        "IP=$(kubectl get svc x -o jsonpath='{.spec.clusterIP}')",
                        "(cmd IP=$(cmd kubectl get svc x -o jsonpath='{.spec.clusterIP}'))"),
                Arguments.of("quoted substitution", "echo \"ip: $(kubectl get svc x -o name)\"",
                        "(cmd echo 'ip: '\"$(cmd kubectl get svc x -o name)\")"),
                Arguments.of("backquotes", "echo `seq 2`", "(cmd echo $(cmd seq 2))"),
                Arguments.of("status and braces", "echo $? ${A:-none} ${#A}",
                        "(cmd echo ${?} ${A:-'none'} ${#A})"),
                Arguments.of("arithmetic", "echo $((i + 1))", "(cmd echo $(('i + 1')))"),
                Arguments.of("redirections", "kubectl get svc x > out.yaml 2>&1 < in 2>/dev/null",
                        "(cmd kubectl get svc x >out.yaml 2>&1 <in 2>/dev/null)"),
                Arguments.of("append and both", "echo a >> log &> all", "(cmd echo a >>log &>all)"),
                Arguments.of("here-string", "read a b <<< \"1 2\"", "(cmd read a b <<<'1 2')"),
                Arguments.of("heredoc", "cat <<EOF | kubectl apply -f -\nname: $N\nEOF\n",
                        "(pipe (cmd cat <<'name: '\"${N}\"'\\n') (cmd kubectl apply -f -))"),
                Arguments.of("quoted heredoc keeps $", "cat <<'EOF'\nname: $N\nEOF\n", "(cmd cat <<'name: $N\\n')"),
                Arguments.of("heredoc with tabs stripped", "cat <<-EOF\n\t\tx\n\tEOF\n", "(cmd cat <<'x\\n')"),
                Arguments.of("for loop", "for i in $(seq 1 3); do kubectl create service clusterip s-$i --tcp 80; done",
                        "(for i in $(cmd seq 1 3) do (cmd kubectl create service clusterip s-${i} --tcp 80))"),
                Arguments.of("for loop over lines", "for i in a b\ndo\n  echo $i\n  echo x\ndone",
                        "(for i in a b do (seq (cmd echo ${i}) (cmd echo x)))"),
                Arguments.of("heredoc inside a for loop",
                        "for n in a b; do\n  cat <<EOF | kubectl apply -f -\nname: $n\nEOF\n  echo done-$n\ndone\n",
                        "(for n in a b do (seq (pipe (cmd cat <<'name: '\"${n}\"'\\n') (cmd kubectl apply -f -)) "
                                + "(cmd echo done-${n})))"),
                Arguments.of("while read from a pipe",
                        "kubectl get svc -o name | while read s; do kubectl delete $s; done",
                        "(pipe (cmd kubectl get svc -o name) (while (cmd read s) do (cmd kubectl delete ${s})))"),
                Arguments.of("while read from a heredoc",
                        "while read -r name ip; do\n  echo $name=$ip\ndone <<EOF\na 10.0.0.1\nEOF\n",
                        "(redirected (while (cmd read -r name ip) do (cmd echo ${name}=${ip})) <<'a 10.0.0.1\\n')"),
                Arguments.of("until", "until false; do break; done", "(until (cmd false) do (cmd break))"),
                Arguments.of("if with test", "if [ \"$X\" = 1 ]; then echo one; elif test -z \"$X\"; then echo none; "
                        + "else echo other; fi",
                        "(if (cmd [ \"${X}\" = 1 ]) then (cmd echo one) (cmd test -z \"${X}\") then (cmd echo none) "
                                + "else (cmd echo other))"),
                Arguments.of("groups", "{ echo a; echo b; } > f; (X=2; echo $X)",
                        "(seq (redirected (group (seq (cmd echo a) (cmd echo b))) >f) "
                                + "(subshell (seq (cmd X=2) (cmd echo ${X}))))"),
                Arguments.of("built-in function definition skipped",
                        "verify() {\n  case \"$1\" in x) echo ;; esac\n}", "(function verify)"),
                Arguments.of("continued lines", "kubectl create service clusterip web \\\n  --tcp 80",
                        "(cmd kubectl create service clusterip web --tcp 80)"),
                Arguments.of("reserved words as arguments", "echo done if then", "(cmd echo done if then)"),
                Arguments.of("comments", "echo a # not b", "(cmd echo a)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trees")
    void parsesTo(String name, String script, String tree) throws Exception {
        assertEquals(tree, AstPrinter.print(ShellParser.parse(script)));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("unterminated double quote", "echo \"abc\necho x", 1,
                        "unexpected EOF while looking for matching `\"'"),
                Arguments.of("unterminated single quote", "echo ok\necho 'abc", 2,
                        "unexpected EOF while looking for matching `''"),
                Arguments.of("missing done", "for i in 1 2; do\n echo $i\n", 1,
                        "syntax error: unexpected end of file (missing `done')"),
                Arguments.of("stray done", "done", 1, "syntax error near unexpected token `done'"),
                Arguments.of("stray fi after a command", "echo a\nfi", 2, "syntax error near unexpected token `fi'"),
                Arguments.of("empty pipe stage", "kubectl get svc | | jq", 1, "syntax error near unexpected token `|'"),
                Arguments.of("background", "sleep 5 &", 1,
                        "running in the background ('&') is not supported in the practice console"),
                Arguments.of("case", "case $x in a) echo;; esac", 1, "'case' is not supported in the practice console"),
                Arguments.of("double brackets", "[[ -n $x ]]", 1,
                        "[[ ... ]] is not supported in the practice console; use [ ... ]"),
                Arguments.of("arithmetic command", "((i++))", 1,
                        "the arithmetic command ((...)) is not supported in the practice console"),
                Arguments.of("bad substitution", "echo ${x/a/b}", 1, "${x/a/b}: bad substitution"),
                Arguments.of("missing redirect target", "echo >", 1, "syntax error near unexpected token `newline'"),
                Arguments.of("deep nesting", "{ ".repeat(100) + "echo x" + "; }".repeat(100), 1,
                        "commands nested more than 64 deep are not supported in the practice console"),
                Arguments.of("deep substitutions", "echo " + "$(".repeat(100) + "x" + ")".repeat(100), 1,
                        "commands nested more than 64 deep are not supported in the practice console"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, String script, int line, String message) {
        List<ShellParser.Unit> units = ShellParser.parseScript(script);
        ShellParser.Unit bad = units.stream().filter(u -> u.error() != null).findFirst().orElseThrow();
        assertEquals(line + ": " + message, bad.line() + ": " + bad.error());
        assertNull(bad.node());
    }

    static Stream<Arguments> units() {
        return Stream.of(
                Arguments.of("blank lines and comments dropped", "# c\n\nkubectl get svc\n\n# d\necho a; echo b\n",
                        List.of("kubectl get svc", "echo a; echo b")),
                Arguments.of("a heredoc stays with its command",
                        "cat <<EOF | kubectl apply -f -\nkind: x\nEOF\nkubectl get x\n",
                        List.of("cat <<EOF | kubectl apply -f -\nkind: x\nEOF", "kubectl get x")),
                Arguments.of("a loop with a heredoc inside stays whole",
                        "for i in 1 2; do\ncat <<EOF\n$i\nEOF\ndone\necho end\n",
                        List.of("for i in 1 2; do\ncat <<EOF\n$i\nEOF\ndone", "echo end")),
                Arguments.of("and-or across lines", "kubectl get svc x &&\n  echo yes\necho next",
                        List.of("kubectl get svc x &&\n  echo yes", "echo next")),
                Arguments.of("a bad line alone, the rest goes on", "echo \"a\necho b\n",
                        List.of("echo \"a", "echo b")),
                Arguments.of("a broken loop is skipped whole", "for i in 1; do\ncase $i in x) ;; esac\ndone\necho after",
                        List.of("for i in 1; do\ncase $i in x) ;; esac\ndone", "echo after")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("units")
    void cutsIntoTopLevelCommands(String name, String script, List<String> texts) {
        assertEquals(texts, ShellParser.parseScript(script).stream().map(ShellParser.Unit::text).toList());
    }
}
