package dev.pipfix.queue;

/** What storing a delivery came to. */
public enum Admission {
    /** The delivery id was recorded before (GitHub's redelivery, or the same delivery twice at once): nothing done. */
    DUPLICATE_DELIVERY,
    /** A new delivery about a run that another delivery queued already: recorded, the run not queued again. */
    RUN_ALREADY_QUEUED,
    /** A new delivery whose run is now queued. */
    RUN_QUEUED,
    /** A new delivery without a run, recorded. */
    RECORDED
}
