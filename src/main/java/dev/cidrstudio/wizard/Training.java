package dev.cidrstudio.wizard;

import dev.cidrstudio.app.Finding;
import dev.cidrstudio.console.ConsoleOutput;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.console.ScriptRunner;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.io.manifest.TrainingDocuments;
import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Guided exercises: the learner types the commands in the console and each step's checks say when it is done. The
 * built-in ones follow the seed docs pages; a trainer writes a new one as a {@code kind: TrainingScenario} YAML file
 * (the built-ins are such files, under {@code /dev/cidrstudio/training/}).
 */
public final class Training {

    /** An exercise ready to start: its scenario and the files its commands may read by name. */
    public record Exercise(Scenario scenario, Map<String, String> files) {

        public Exercise {
            files = Map.copyOf(files);
        }

        /** A fresh run of the exercise, on its own practice cluster. */
        public Rehearsal start() {
            return new Rehearsal(scenario, files);
        }

        public String title() {
            return scenario.title();
        }
    }

    /** A built-in exercise, built when chosen. */
    public record BuiltIn(String id, String title, Supplier<Exercise> build) {
    }

    /** An exercise file that cannot be used; every problem is listed at its line. */
    public static final class InvalidExercise extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient List<Finding> findings;

        InvalidExercise(List<Finding> findings) {
            super(findings.isEmpty() ? "invalid exercise" : findings.get(0).describe());
            this.findings = List.copyOf(findings);
        }

        public List<Finding> findings() {
            return findings;
        }
    }

    private static final String DIR = "/dev/cidrstudio/training/";

    /** The four seed pages as exercises, in the order a class takes them. */
    public static final List<BuiltIn> BUILT_IN = List.of(
            new BuiltIn("hostaliases", "Adding entries to Pod /etc/hosts with HostAliases",
                    () -> resource("hostaliases.yaml")),
            new BuiltIn("extend-service-ip-ranges", "Extend Service IP Ranges, and restrict them with a policy",
                    () -> resource("extend-service-ip-ranges.yaml")),
            new BuiltIn("replace-default-servicecidr", "Replace the default ServiceCIDR (the seven steps)",
                    Training::replaceDefault),
            new BuiltIn("validate-dual-stack", "Validate IPv4/IPv6 dual-stack", () -> resource("dual-stack.yaml")));

    private Training() {
    }

    public static Optional<BuiltIn> builtIn(String id) {
        return BUILT_IN.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    private static Exercise resource(String name) {
        try (InputStream in = Training.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in exercise " + name + " is missing");
            }
            return load(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidExercise e) {
            throw new IllegalStateException("the built-in exercise " + name + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Reads a trainer's exercise file; {@code source} names it in messages. */
    public static Exercise load(String source, String text) throws InvalidExercise {
        TrainingDocuments.Spec spec;
        try {
            spec = TrainingDocuments.read(source, text);
        } catch (ManifestException e) {
            List<Finding> out = new ArrayList<>();
            for (Problem p : e.problems()) {
                out.add(new Finding(Finding.Severity.ERROR, p.source(), p.mark(),
                        (p.field() == null || p.field().isEmpty() ? "" : p.field() + ": ") + p.message()
                                + (p.mark() != null && p.mark().column() > 0 ? " (column " + p.mark().column() + ")"
                                        : "")));
            }
            throw new InvalidExercise(out);
        }
        ApiServer api;
        try {
            api = ApiServer.bootstrap(spec.cluster());
        } catch (ClusterConfigException e) {
            throw new InvalidExercise(List.of(new Finding(Finding.Severity.ERROR, source, Mark.NONE,
                    "spec.cluster: " + String.join("; ", e.errors()))));
        }
        if (!spec.setup().isBlank()) {
            Map<String, String> files = new LinkedHashMap<>(spec.files());
            ScriptRunner setup = new ScriptRunner(new Kubectl(api, p -> read(files, p)), p -> read(files, p))
                    .withFileSink(files::put);
            List<String> errors = setup.run(spec.setup()).stream().filter(o -> o instanceof ConsoleOutput.Stderr)
                    .map(o -> o.text().strip()).toList();
            if (!errors.isEmpty()) {
                throw new InvalidExercise(List.of(new Finding(Finding.Severity.ERROR, source, Mark.NONE,
                        "spec.setup: the setup commands failed: " + errors.get(0))));
            }
        }
        List<Step> steps = new ArrayList<>();
        for (TrainingDocuments.StepSpec s : spec.steps()) {
            List<Check> checks = new ArrayList<>();
            for (TrainingDocuments.CheckSpec c : s.checks()) {
                checks.add(c.typed() ? new Check.TypedCheck(c.description(), c.command(), c.pattern())
                        : switch (c.match()) {
                            case EXACT -> new Check.CommandCheck(c.description(), c.command(), c.pattern());
                            case CONTAINS -> new Check.OutputCheck(c.description(), c.command(), false, c.pattern());
                            case REGEX -> new Check.OutputCheck(c.description(), c.command(), true, c.pattern());
                        });
            }
            steps.add(Step.of(s.title(), s.explanation()).withCommands(s.commands()).withExpected(s.expected())
                    .withChecks(checks).withHints(s.hints()));
        }
        Scenario sc = new Scenario(spec.name(), spec.title(), spec.summary(), api.snapshot(), List.of(), steps,
                List.of());
        return new Exercise(sc, spec.files());
    }

    /** A pattern for a command's first (up to three) words, however they are spaced. */
    static String leadingWords(String command) {
        String[] words = command.strip().split("\\s+");
        List<String> quoted = new ArrayList<>();
        for (int i = 0; i < words.length && i < 3; i++) {
            quoted.add(com.google.re2j.Pattern.quote(words[i]));
        }
        return "^\\s*" + String.join("\\s+", quoted);
    }

    private static String read(Map<String, String> files, String path) throws IOException {
        String content = files.get(path.startsWith("./") ? path.substring(2) : path);
        if (content == null) {
            throw new IOException("open " + path + ": no such file or directory");
        }
        return content;
    }

    /**
     * The seven illustrative steps of "Kubernetes Default ServiceCIDR Reconfiguration" on a practice cluster with two
     * kube-apiservers and a few Services, moving from 10.96.0.0/24 to 10.100.0.0/24.
     */
    static Exercise replaceDefault() {
        ClusterSettings settings = ClusterSettings.defaults().withServiceClusterIPRange("10.96.0.0/24")
                .withApiServers(List.of(new ClusterSettings.ApiServerSetting("kube-apiserver-1", null),
                        new ClusterSettings.ApiServerSetting("kube-apiserver-2", null)));
        ApiServer api;
        try {
            api = ApiServer.bootstrap(settings);
        } catch (ClusterConfigException e) {
            throw new IllegalStateException(String.join("; ", e.errors()), e);
        }
        ScriptRunner setup = new ScriptRunner(new Kubectl(api, p -> {
            throw new IOException("open " + p + ": no such file or directory");
        }), p -> {
            throw new IOException("open " + p + ": no such file or directory");
        });
        setup.run("""
                kubectl create namespace shop
                kubectl create service clusterip frontend --tcp 80 -n shop
                kubectl create service clusterip cart --tcp 8080 -n shop
                kubectl create service clusterip payments --tcp 443 -n shop
                """);
        Scenario built = ReplacePrimaryScenario.build(api.snapshot(), Optional.of("10.100.0.0/24"));
        // A step whose checks already hold before it (one that only looks) asks the learner to run its command.
        Rehearsal model = new Rehearsal(built);
        List<Step> steps = new ArrayList<>();
        for (Step s : built.steps()) {
            List<String> hints = new ArrayList<>(s.hints());
            if (hints.isEmpty() && !s.expected().isEmpty()) {
                hints.add("Afterwards: " + s.expected());
            }
            Step step = s.withHints(hints);
            boolean alreadyHolds = model.checkNow().stream().allMatch(CheckResult::passed);
            if (alreadyHolds && !s.commands().isEmpty()) {
                List<Check> checks = new ArrayList<>(s.checks());
                String first = s.commands().get(0);
                checks.add(0, new Check.TypedCheck("you ran " + first, first, leadingWords(first)));
                step = step.withChecks(checks);
            }
            steps.add(step);
            try {
                model.runNext();
            } catch (Rehearsal.Refused e) {
                throw new IllegalStateException("the built-in exercise does not run: " + e.getMessage(), e);
            }
        }
        Scenario sc = new Scenario("replace-default-servicecidr", "Replace the default ServiceCIDR",
                "A practice cluster with two kube-apiservers (--service-cluster-ip-range=10.96.0.0/24) and three "
                        + "Services moves to 10.100.0.0/24 by the docs' seven steps. The control-plane command "
                        + "stands in for what kubectl cannot do: restarting the apiservers with a new flag, and the "
                        + "kubelets' clusterDNS.",
                built.start(), built.preflight(), steps, built.alternatives());
        return new Exercise(sc, Map.of());
    }
}
