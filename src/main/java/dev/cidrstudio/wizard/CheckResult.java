package dev.cidrstudio.wizard;

/** A check against one state of the rehearsal: whether it held and, when it did not, what is missing. */
public record CheckResult(Check check, boolean passed, String detail) {
}
