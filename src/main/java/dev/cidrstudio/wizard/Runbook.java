package dev.cidrstudio.wizard;

import dev.cidrstudio.console.ConsoleOutput;
import dev.cidrstudio.io.plan.StateFile;
import dev.cidrstudio.model.cluster.ApiServerInstance;
import dev.cidrstudio.model.cluster.ClusterState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rehearsed scenario as a runbook folder: {@code runbook.md} (steps, commands, what the rehearsal printed, checks,
 * warnings, rollback), {@code runbook.sh} (the commands with a {@code verify} after each step, runnable with bash
 * against a real cluster and with {@code cidrstudio kubectl} against the plan) and {@code manifests/}.
 */
public final class Runbook {

    public static final String MARKDOWN = "runbook.md";
    public static final String SCRIPT = "runbook.sh";

    private Runbook() {
    }

    /** The files of the runbook by their path in the folder. */
    public static Map<String, String> files(Rehearsal r, String planName) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(MARKDOWN, markdown(r, planName));
        out.put(SCRIPT, script(r.scenario(), planName));
        for (Manifest m : r.scenario().manifests()) {
            out.put(m.path(), m.content());
        }
        return out;
    }

    /** Writes the runbook into {@code dir} (created if missing), each file atomically. */
    public static void write(Rehearsal r, String planName, Path dir) throws IOException {
        Files.createDirectories(dir.resolve(Manifest.FOLDER));
        for (Map.Entry<String, String> f : files(r, planName).entrySet()) {
            StateFile.writeAtomically(dir.resolve(f.getKey()), f.getValue());
        }
        dir.resolve(SCRIPT).toFile().setExecutable(true, false);
    }

    static final String HEADER = """
            #!/usr/bin/env bash
            # %s
            # Plan: %s (Kubernetes %s). Written by CIDR Studio.
            #
            # Run it from this folder: bash %s
            # Rehearse it first against the plan: cidrstudio kubectl --cluster PLAN < %s
            # Each step ends with checks; the script stops at the first one that fails.
            set -euo pipefail

            # What kubectl cannot do: the operator does it on the control-plane nodes, then presses Enter.
            control-plane() {
              case "$1" in
                restart-apiserver)
                  echo "MANUAL STEP: on $2's node, set $3 in /etc/kubernetes/manifests/kube-apiserver.yaml and wait until it is back." ;;
                add-apiserver)
                  echo "MANUAL STEP: start kube-apiserver $2 with $3." ;;
                stop-apiserver)
                  echo "MANUAL STEP: stop kube-apiserver $2." ;;
                set-kubelet-cluster-dns)
                  echo "MANUAL STEP: set clusterDNS: [$2] in every node's KubeletConfiguration and restart the kubelets." ;;
                status)
                  echo "MANUAL STEP: check --service-cluster-ip-range on every kube-apiserver and clusterDNS on the kubelets." ;;
              esac
              read -r -p "Press Enter when done: " _ </dev/tty
            }

            # verify DESCRIPTION COMMAND EXPECTED: stop unless COMMAND prints EXPECTED.
            verify() {
              local got
              got=$(eval "$2" 2>&1) || true
              if [ "$got" != "$3" ]; then
                printf 'FAILED: %%s\\n  expected: %%s\\n  got:      %%s\\n' "$1" "$3" "$got" >&2
                exit 1
              fi
              echo "ok: $1"
            }
            """;

    /** The shell script: the same commands the rehearsal ran, each step followed by its command checks. */
    public static String script(Scenario s, String planName) {
        StringBuilder sb = new StringBuilder(HEADER.formatted(DocumentText.shellComment(s.title()),
                DocumentText.shellComment(planName),
                s.start().settings().kubernetesVersion().text(), SCRIPT, SCRIPT));
        int n = 1;
        for (Step step : s.steps()) {
            sb.append("\n# ---- Step ").append(n++).append(": ").append(DocumentText.shellComment(step.title()))
                    .append('\n');
            for (String w : step.warnings()) {
                sb.append("# Warning: ").append(DocumentText.shellComment(w)).append('\n');
            }
            for (String c : step.commands()) {
                sb.append(c).append('\n');
            }
            for (Check c : step.checks()) {
                if (c instanceof Check.CommandCheck cc) {
                    sb.append("verify ").append(DocumentText.shellQuote(cc.description())).append(' ')
                            .append(DocumentText.shellQuote(cc.command())).append(' ')
                            .append(DocumentText.shellQuote(cc.expected())).append('\n');
                } else {
                    sb.append("# check by reading: ").append(DocumentText.shellComment(c.description())).append(" (")
                            .append(DocumentText.shellComment(c.command())).append(")\n");
                }
            }
        }
        return sb.toString();
    }

    static String markdown(Rehearsal r, String planName) {
        Scenario s = r.scenario();
        ClusterState start = s.start();
        StringBuilder sb = new StringBuilder("# ").append(DocumentText.markdown(s.title())).append("\n\n").append(s.summary()).append("\n\n");
        sb.append("Plan ").append(DocumentText.markdownCode(planName)).append(", Kubernetes ").append(start.settings().kubernetesVersion().text())
                .append(", ").append(start.apiServers().size()).append(" kube-apiserver")
                .append(start.apiServers().size() == 1 ? "" : "s").append(":\n\n");
        for (ApiServerInstance a : start.apiServers()) {
            sb.append("- ").append(DocumentText.markdownCode(a.name())).append(": ")
                    .append(DocumentText.markdownCode("--service-cluster-ip-range=" + a.flags().text())).append('\n');
        }
        sb.append("\nThe commands are in `").append(SCRIPT).append("` and the manifests under `")
                .append(Manifest.FOLDER).append("`. Outputs below are what the rehearsal printed; on a real cluster "
                        + "ages, uids and the addresses the allocator picks differ.\n\n## Pre-flight\n\n")
                .append("| Check | Verdict | Why | Fix |\n|---|---|---|---|\n");
        for (PreflightFinding f : s.preflight()) {
            sb.append("| ").append(cell(f.title())).append(" | ").append(f.verdict()).append(" | ")
                    .append(cell(f.reason())).append(" | ").append(cell(f.fix())).append(" |\n");
        }
        List<Rehearsal.StepRun> runs = r.done();
        for (int i = 0; i < s.steps().size(); i++) {
            Step step = s.steps().get(i);
            sb.append("\n## Step ").append(i + 1).append(". ").append(DocumentText.markdown(step.title())).append("\n\n")
                    .append(step.explanation()).append("\n\n");
            for (String w : step.warnings()) {
                sb.append("> **Warning:** ").append(w).append("\n\n");
            }
            Rehearsal.StepRun run = i < runs.size() ? runs.get(i) : null;
            StringBuilder transcript = new StringBuilder();
            if (run != null) {
                for (Rehearsal.Entry e : run.transcript()) {
                    transcript.append("$ ").append(e.command()).append('\n');
                    for (ConsoleOutput o : e.output()) {
                        transcript.append(o.text());
                    }
                    if (!e.text().isEmpty() && !e.text().endsWith("\n")) {
                        transcript.append('\n');
                    }
                }
            } else {
                step.commands().forEach(c -> transcript.append("$ ").append(c).append('\n'));
            }
            // The fence outlasts any backquotes the output holds, so the block ends where it should.
            String fence = DocumentText.markdownFence(transcript.toString());
            sb.append(fence).append("console\n").append(transcript).append(fence).append("\n\n");
            if (!step.expected().isEmpty()) {
                sb.append("**Expected:** ").append(step.expected()).append("\n\n");
            }
            if (!step.checks().isEmpty()) {
                sb.append("**Checks:**\n\n");
                for (int c = 0; c < step.checks().size(); c++) {
                    Check check = step.checks().get(c);
                    String verdict = run == null ? "" : run.checks().get(c).passed() ? " (held in the rehearsal)"
                            : " (FAILED in the rehearsal: " + run.checks().get(c).detail() + ")";
                    sb.append("- ").append(DocumentText.markdown(check.description()))
                            .append(DocumentText.markdown(verdict)).append(": ")
                            .append(DocumentText.markdownCode(check.command()));
                    if (check instanceof Check.CommandCheck cc) {
                        sb.append(" prints ").append(cc.expected().isEmpty() ? "`nothing`"
                                : DocumentText.markdownCode(cc.expected()));
                    }
                    sb.append('\n');
                }
                sb.append('\n');
            }
            if (run != null && !run.diff().isEmpty()) {
                sb.append("**What changed:**\n\n```diff\n");
                run.diff().lines().forEach(l -> sb.append(l.describe()).append('\n'));
                sb.append("```\n\n");
            }
            if (!step.rollback().isEmpty()) {
                sb.append("**Rollback:** ").append(step.rollback()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return DocumentText.markdown(s);
    }
}
