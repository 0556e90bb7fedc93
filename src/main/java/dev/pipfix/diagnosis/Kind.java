package dev.pipfix.diagnosis;

/** What went wrong, named as in the {@code analyze --format json} contract. */
public enum Kind {
    PERMISSION_DENIED("permission-denied"),
    ACCESS_DENIED("access-denied"),
    FILE_IN_USE("file-in-use"),
    OPERATION_NOT_PERMITTED("operation-not-permitted"),
    READ_ONLY_FILESYSTEM("read-only-filesystem"),
    EXTERNALLY_MANAGED_ENVIRONMENT("externally-managed-environment");

    private final String id;

    Kind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
