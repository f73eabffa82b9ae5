package dev.cidrstudio.console.kubectl;

/** A usage error, already worded as kubectl words it; the console prints the message and exits 1. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
