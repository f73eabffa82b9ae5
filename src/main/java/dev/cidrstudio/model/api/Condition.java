package dev.cidrstudio.model.api;

import java.time.Instant;

/** A {@code metav1.Condition}. */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime,
        Long observedGeneration) {
}
