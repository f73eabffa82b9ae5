package dev.cidrstudio.wizard;

/** One pre-flight check of a scenario: its verdict, why, and what would fix it. */
public record PreflightFinding(Verdict verdict, String title, String reason, String fix) {

    public enum Verdict { PASS, WARN, FAIL }

    public static PreflightFinding pass(String title, String reason) {
        return new PreflightFinding(Verdict.PASS, title, reason, "");
    }

    public static PreflightFinding warn(String title, String reason, String fix) {
        return new PreflightFinding(Verdict.WARN, title, reason, fix);
    }

    public static PreflightFinding fail(String title, String reason, String fix) {
        return new PreflightFinding(Verdict.FAIL, title, reason, fix);
    }

    /** {@code PASS  title: reason (fix)}, as the CLI and the runbook print it. */
    public String describe() {
        return verdict + "  " + title + ": " + reason + (fix.isEmpty() ? "" : " Fix: " + fix);
    }
}
