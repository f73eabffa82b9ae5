package dev.cidrstudio.wizard;

import java.util.List;

/**
 * One step of a scenario. {@code commands} are shell commands as the console and the runbook's script run them
 * (each one its own entry in the transcript); {@code preconditions} must hold before the step runs and
 * {@code checks} after it. {@code expected} says in words what a real cluster shows afterwards.
 */
public record Step(String title, String explanation, List<Check> preconditions, List<String> commands,
        List<Manifest> manifests, String expected, List<Check> checks, List<String> warnings, String rollback,
        List<String> hints) {

    public Step {
        preconditions = List.copyOf(preconditions);
        commands = List.copyOf(commands);
        manifests = List.copyOf(manifests);
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
        hints = List.copyOf(hints);
    }

    /** Starts a step with its title and explanation; the rest is added with the {@code with*} methods. */
    public static Step of(String title, String explanation) {
        return new Step(title, explanation, List.of(), List.of(), List.of(), "", List.of(), List.of(), "", List.of());
    }

    public Step withCommands(List<String> c) {
        return new Step(title, explanation, preconditions, c, manifests, expected, checks, warnings, rollback, hints);
    }

    public Step withManifests(List<Manifest> m) {
        return new Step(title, explanation, preconditions, commands, m, expected, checks, warnings, rollback, hints);
    }

    public Step withExpected(String e) {
        return new Step(title, explanation, preconditions, commands, manifests, e, checks, warnings, rollback, hints);
    }

    public Step withChecks(List<Check> c) {
        return new Step(title, explanation, preconditions, commands, manifests, expected, c, warnings, rollback, hints);
    }

    public Step withWarnings(List<String> w) {
        return new Step(title, explanation, preconditions, commands, manifests, expected, checks, w, rollback, hints);
    }

    public Step withRollback(String r) {
        return new Step(title, explanation, preconditions, commands, manifests, expected, checks, warnings, r, hints);
    }

    public Step withHints(List<String> h) {
        return new Step(title, explanation, preconditions, commands, manifests, expected, checks, warnings, rollback, h);
    }
}
