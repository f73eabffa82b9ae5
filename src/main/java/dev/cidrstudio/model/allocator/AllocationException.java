package dev.cidrstudio.model.allocator;

/** An allocation that failed, carrying which of the allocator's errors it was. */
public final class AllocationException extends Exception {

    private static final long serialVersionUID = 1L;
    private final AllocatorError error;

    public AllocationException(AllocatorError error, String message) {
        super(message);
        this.error = error;
    }

    public AllocationException(AllocatorError error) {
        this(error, error.text());
    }

    public AllocatorError error() {
        return error;
    }
}
