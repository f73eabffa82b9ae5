package dev.cidrstudio.model.api;

import java.time.Instant;

/** A core/v1 Event, as controllers record them. */
public record Event(ObjectMeta meta, ObjectReference involvedObject, String reason, String message, String type,
        String sourceComponent, Instant firstTimestamp, Instant lastTimestamp, int count) implements KubeObject {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    @Override
    public Kind kind() {
        return Kind.EVENT;
    }

    @Override
    public Event withMeta(ObjectMeta m) {
        return new Event(m, involvedObject, reason, message, type, sourceComponent, firstTimestamp, lastTimestamp,
                count);
    }

    public Event repeated(Instant when) {
        return new Event(meta, involvedObject, reason, message, type, sourceComponent, firstTimestamp, when,
                count + 1);
    }
}
