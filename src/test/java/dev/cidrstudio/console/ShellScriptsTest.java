package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shell scripts of the kinds people write, run by the console's shell against a simulated cluster. */
class ShellScriptsTest {

    private static final String NOT_AVAILABLE = "not available in the practice console (it runs kubectl, jq, cat, "
            + "echo, sleep, seq, grep, head, verify and control-plane)";

    static ApiServer cluster() throws Exception {
        return ApiServer.bootstrap(ClusterSettings.defaults());
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("a variable set and used", "X=1; kubectl create service clusterip web-$X --tcp 80",
                        "service/web-1 created\n"),
                Arguments.of("&& and || after a failing kubectl", "kubectl get svc nope && echo found || echo missing",
                        "Error from server (NotFound): services \"nope\" not found\nmissing\n"),
                Arguments.of("$? after a failure", "kubectl get svc nope 2>/dev/null; echo $?", "1\n"),
                Arguments.of("command substitution of a jsonpath",
                        "IP=$(kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}')\necho \"ip=$IP\"",
                        "ip=10.96.0.1\n"),
                Arguments.of("a heredoc inside a for loop", """
                        for n in 1 2; do
                          cat <<EOF | kubectl apply -f -
                        apiVersion: networking.k8s.io/v1
                        kind: ServiceCIDR
                        metadata:
                          name: extra-$n
                        spec:
                          cidrs:
                          - 10.10$n.0.0/24
                        EOF
                        done
                        kubectl get servicecidr extra-1 extra-2 -o name
                        """, """
                        servicecidr.networking.k8s.io/extra-1 created
                        servicecidr.networking.k8s.io/extra-2 created
                        servicecidr.networking.k8s.io/extra-1
                        servicecidr.networking.k8s.io/extra-2
                        """),
                Arguments.of("while read over a pipe", """
                        kubectl create service clusterip web-a --tcp 80 >/dev/null
                        kubectl create service clusterip web-b --tcp 80 >/dev/null
                        kubectl get svc -o name | grep web | while read s; do kubectl delete $s; done
                        """, """
                        service "web-a" deleted from default namespace
                        service "web-b" deleted from default namespace
                        """),
                Arguments.of("while read fields from a heredoc", """
                        while read -r name port; do
                          kubectl create service clusterip "$name" --tcp "$port" -o name
                        done <<EOF
                        api 8080
                        db 5432
                        EOF
                        kubectl get svc db -o jsonpath='{.spec.ports[0].port}'
                        """, "service/api\nservice/db\n5432"),
                Arguments.of("xargs", """
                        kubectl create service clusterip web-a --tcp 80 >/dev/null
                        kubectl get svc -o name | grep web | xargs kubectl delete
                        """, "service \"web-a\" deleted from default namespace\n"),
                Arguments.of("2>&1: a warning before the command's own line, as kubectl writes it",
                        "C='kubectl create service clusterip web --tcp=80 --dry-run=true -o name'\n"
                                + "$C 2>&1 | head -1 | grep -c 'dry-run=true is deprecated'\n"
                                + "$C 2>&1 | tail -1",
                        "1\nservice/web\n"),
                Arguments.of("2>&1: a returned error after the objects that worked",
                        "kubectl get svc kubernetes nope -o name 2>&1",
                        "service/kubernetes\nError from server (NotFound): services \"nope\" not found\n"),
                Arguments.of("if on a command's status",
                        "if kubectl get svc nope >/dev/null 2>&1; then echo yes; else echo no; fi", "no\n"),
                Arguments.of("test on a substitution",
                        "[ \"$(kubectl get svc kubernetes -o name)\" = service/kubernetes ] && echo same", "same\n"),
                Arguments.of("a counting while loop", "i=0; while [ $i -lt 3 ]; do i=$((i + 1)); echo $i; done",
                        "1\n2\n3\n"),
                Arguments.of("until and break",
                        "until false; do echo once; break; done; for i in 1 2 3; do [ $i = 2 ] && break; echo $i; done",
                        "once\n1\n"),
                Arguments.of("continue", "for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done", "1\n3\n"),
                Arguments.of("field splitting", "L=\"a b  c\"; for w in $L; do echo \"<$w>\"; done; echo \"$L\"",
                        "<a>\n<b>\n<c>\na b  c\n"),
                Arguments.of("defaults and lengths", "echo ${NOPE:-none} ${#NOPE}; A=abc; echo ${#A} ${A:+set}",
                        "none 0\n3 set\n"),
                Arguments.of("a subshell keeps its variables", "X=1; (X=2; echo in $X); echo out $X",
                        "in 2\nout 1\n"),
                Arguments.of("printf, wc and sort", "printf '%s-%d\\n' b 2 a 1 | sort; kubectl get svc -o name | wc -l",
                        "a-1\nb-2\n1\n"),
                Arguments.of("a here-string", "read a b <<< \"x y z\"; echo \"$b\"", "y z\n"),
                Arguments.of("eval", "CMD='kubectl get svc kubernetes -o name'; eval \"$CMD\"",
                        "service/kubernetes\n"),
                Arguments.of("an unknown command fails and the list goes on", "helm install x || echo fallback",
                        "console: line 1: helm: " + NOT_AVAILABLE + "\nfallback\n"),
                Arguments.of("a syntax error names its line and the script goes on",
                        "echo one\nfor i in 1; do case $i in x) ;; esac; done\necho two",
                        "one\nconsole: line 2: 'case' is not supported in the practice console\ntwo\n"),
                Arguments.of("background is refused", "sleep 1 &\necho after",
                        "console: line 1: running in the background ('&') is not supported in the practice console"
                                + "\nafter\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void runs(String name, String script, String expected) throws Exception {
        assertEquals(expected, ConsoleScripts.run(cluster(), script));
    }

    static Stream<Arguments> bounds() {
        return Stream.of(
                Arguments.of("an endless while loop", "while true; do :; done",
                        "console: line 1: while loop stopped after 10000 iterations: the practice console runs no "
                                + "longer loops\n"),
                Arguments.of("a loop over too many words", "for i in $(seq 1 20000); do :; done",
                        "seq: range too long for the practice console (more than 10000 numbers)\n"),
                Arguments.of("loops within loops", "for i in $(seq 1000); do for j in $(seq 1000); do :; done; done",
                        "console: line 1: stopped after 50000 commands: the practice console runs no more in one go\n"),
                Arguments.of("a value that doubles", "x=a; while true; do x=\"$x$x\"; done",
                        "console: line 1: x: a value longer than 1048576 characters is more than the practice console "
                                + "keeps\n"),
                Arguments.of("a flood of output",
                        "s=$(printf '%1000s' a); s=\"$s$s$s$s$s$s$s$s\"; while true; do echo \"$s\"; done | wc -l",
                        "console: line 1: the command printed more than 16 MiB; the practice console stopped it\n"),
                Arguments.of("eval calling itself", "s='eval \"$s\"'; eval \"$s\"",
                        "console: line 1: commands calling commands more than 32 deep are not run in the practice "
                                + "console\n"),
                Arguments.of("deep nesting", "( ".repeat(5000) + "echo x" + " )".repeat(5000),
                        "console: line 1: commands nested more than 64 deep are not supported in the practice "
                                + "console\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void hostileInputIsBounded(String name, String script, String expected) throws Exception {
        ApiServer api = cluster();
        String out = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ConsoleScripts.run(api,
                script + "\necho next"));
        assertEquals(expected + "next\n", out);
    }

    @Test
    void exitStopsTheScriptWithItsStatus() throws Exception {
        ScriptRunner r = runner(cluster());
        assertEquals("a\n", text(r.run("echo a; exit 3; echo b\necho c\n")));
        assertTrue(r.stopped());
        assertEquals(3, r.exitCode());
        assertEquals("d\n", text(r.run("echo d")), "the next script runs");
        assertEquals(false, r.stopped());
    }

    @Test
    void variablesCarryOverFromCommandToCommand() throws Exception {
        ScriptRunner r = runner(cluster());
        r.run("NAME=web");
        r.run("kubectl create service clusterip $NAME --tcp 80");
        assertEquals("service/web\n", text(r.run("kubectl get svc \"$NAME\" -o name")));
    }

    @Test
    void theClockMovesOnPerTopLevelCommandAndPerKubectl() throws Exception {
        ApiServer api = cluster();
        var before = api.now();
        runner(api).run("for i in 1 2 3; do kubectl get svc kubernetes -o name >/dev/null; done\necho x; echo y\n");
        assertEquals(before.plus(ScriptRunner.TYPING_PAUSE.multipliedBy(2)).plus(ScriptRunner.COMMAND_TIME
                .multipliedBy(3)), api.now());
    }

    @Test
    void cancellingStopsBeforeTheNextCommand() throws Exception {
        ApiServer api = cluster();
        AtomicInteger asked = new AtomicInteger();
        ScriptRunner r = runner(api).cancelWhen(() -> asked.incrementAndGet() > 2);
        assertThrows(CancellationException.class, () -> r.run(
                "for i in 1 2 3 4; do kubectl create service clusterip s-$i --tcp 80; done"));
        assertEquals(2, api.list(Kind.SERVICE, "default").size() - 1, "two created before the cancel");
    }

    @Test
    void redirectionsWriteAndAppendFiles() throws Exception {
        ApiServer api = cluster();
        Map<String, String> files = new HashMap<>();
        ScriptRunner r = new ScriptRunner(new Kubectl(api, files::get), p -> {
            String c = files.get(p);
            if (c == null) {
                throw new java.io.IOException("no " + p);
            }
            return c;
        }).withFileSink(files::put);
        assertEquals("", text(r.run("echo one > log; echo two >> log; kubectl get svc nope 2> err; "
                + "{ echo a; echo b; } > both")));
        assertEquals(Map.of("log", "one\ntwo\n", "err",
                "Error from server (NotFound): services \"nope\" not found\n", "both", "a\nb\n"), files);
        assertEquals("2\n", text(r.run("wc -l < log")));
    }

    private static ScriptRunner runner(ApiServer api) {
        Kubectl.FileSource none = p -> {
            throw new java.io.IOException("no files");
        };
        return new ScriptRunner(new Kubectl(api, none), none);
    }

    private static String text(List<ConsoleOutput> out) {
        StringBuilder sb = new StringBuilder();
        out.forEach(o -> sb.append(o.text()));
        return sb.toString();
    }
}
