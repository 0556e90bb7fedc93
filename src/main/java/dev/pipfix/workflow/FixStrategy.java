package dev.pipfix.workflow;

/** What to change in the workflow; the caller chooses it from the diagnosed cause. */
public enum FixStrategy {
    /** Insert a step that creates {@code .venv} and puts it first on PATH, before the failing step. */
    VENV("venv"),
    /** Rewrite {@code pip install --upgrade pip} to {@code python -m pip install --upgrade pip} in place. */
    PYTHON_M_PIP_UPGRADE("python-m-pip"),
    /** Add {@code --no-cache-dir} to the failing step's pip commands. */
    NO_CACHE_DIR("no-cache-dir"),
    /** Insert {@code actions/setup-python} before the failing step: a Python the job's user owns. */
    SETUP_PYTHON("setup-python"),
    /** Add {@code --user} to the failing step's pip installs (and drop {@code sudo}). */
    USER_SITE("user");

    private final String id;

    FixStrategy(String id) {
        this.id = id;
    }

    /** The name in {@code analyze --format json}. */
    public String id() {
        return id;
    }
}
