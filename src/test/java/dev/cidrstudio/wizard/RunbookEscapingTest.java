package dev.cidrstudio.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.console.ScriptRunner;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A plan's name, whatever it holds, stays text in the runbook: no shell line, no Markdown structure of its own. */
class RunbookEscapingTest {

    private static final String BENIGN = "plan.yaml";

    private static Map<String, String> runbook(String planName) throws Exception {
        ClusterState plan = ScenariosTest.plan(ScenariosTest.SINGLE_STACK);
        Rehearsal r = ScenariosTest.rehearsed(plan, ScenarioKind.REPLACE_PRIMARY, "10.100.0.0/16");
        return Runbook.files(r, planName);
    }

    private static long headings(String md) {
        return md.lines().filter(l -> l.startsWith("#")).count();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "evil\nrm -rf ~\n.yaml",
        "x\r\ntouch /tmp/pwned #.yaml",
        "$(rm -rf ~).yaml",
        "`id`.yaml",
        "it's \"quoted\".yaml",
        "<script>alert(1)</script>.yaml",
        "a | b | c.yaml",
        "]]>\n# Heading\n```\n.yaml",
        "``.yaml"})
    void aHostilePlanNameStaysInItsCommentAndItsCodeSpan(String name) throws Exception {
        Map<String, String> benign = runbook(BENIGN);
        Map<String, String> hostile = runbook(name);
        String sh = hostile.get(Runbook.SCRIPT);
        assertEquals(ScriptRunner.commands(benign.get(Runbook.SCRIPT)), ScriptRunner.commands(sh),
                "the script runs the same commands");
        assertEquals(benign.get(Runbook.SCRIPT).lines().count(), sh.lines().count(), "no line added");
        assertTrue(sh.lines().filter(l -> l.startsWith("# Plan: ")).allMatch(l -> l.contains("(Kubernetes ")),
                "the plan's comment is one line:\n" + sh);
        String md = hostile.get(Runbook.MARKDOWN);
        assertEquals(headings(benign.get(Runbook.MARKDOWN)), headings(md), "no heading added");
        assertEquals(benign.get(Runbook.MARKDOWN).lines().count(), md.lines().count(), "no line added");
        String planLine = md.lines().filter(l -> l.startsWith("Plan ")).findFirst().orElseThrow();
        assertTrue(planLine.matches("Plan (`+) .*\\1, Kubernetes [0-9.]+, [0-9]+ kube-apiservers?:")
                || planLine.matches("Plan (`+)[^`].*[^`]\\1, Kubernetes [0-9.]+, [0-9]+ kube-apiservers?:"),
                "the name is one code span: " + planLine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a|b", "x\ny", "`code`", "*bold* _it_ [link](u) <b>", "back\\slash"})
    void markdownTextHasNoStructureOfItsOwn(String text) {
        String md = DocumentText.markdown(text);
        assertFalse(md.contains("\n"), md);
        for (String special : List.of("|", "*", "_", "[", "]", "<", ">", "`")) {
            assertFalse(md.replace("\\\\", "").replace("\\" + special, "").contains(special), md);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "it's", "'", "$(rm -rf ~)", "`id`", "a\nb", ""})
    void aQuotedWordIsOneWordOfTheSameText(String text) throws Exception {
        String quoted = DocumentText.shellQuote(text);
        assertEquals(List.of("printf '%s' " + quoted), ScriptRunner.commands("printf '%s' " + quoted));
        dev.cidrstudio.model.cluster.ApiServer api = dev.cidrstudio.model.cluster.ApiServer.bootstrap(
                dev.cidrstudio.model.cluster.ClusterSettings.defaults());
        ScriptRunner r = new ScriptRunner(new dev.cidrstudio.console.Kubectl(api, p -> ""), p -> "");
        StringBuilder out = new StringBuilder();
        r.run("printf '%s' " + quoted).forEach(o -> out.append(o.text()));
        assertEquals(text, out.toString());
    }
}
