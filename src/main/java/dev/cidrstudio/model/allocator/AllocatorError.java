package dev.cidrstudio.model.allocator;

/** The allocator's errors ({@code ipallocator/interfaces.go}), with their exact texts. */
public enum AllocatorError {
    FULL("range is full"),
    ALLOCATED("provided IP is already allocated"),
    MISMATCHED_NETWORK("the provided network does not match the current range"),
    NOT_READY("allocator not ready"),
    NOT_IN_RANGE("provided IP %s is not in the valid range"),
    /** The IPAddress object could not be created; the text is the API error's. */
    CREATE_FAILED("%s");

    private final String text;

    AllocatorError(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
