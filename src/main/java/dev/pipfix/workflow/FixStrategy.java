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
    USER_SITE("user"),
    /**
     * uv: insert a step that creates {@code .venv} with {@code uv venv} and activates it for later steps, or, when the
     * job sets uv up with {@code astral-sh/setup-uv} v6 or later, turn on its {@code activate-environment}; drop
     * {@code --system}.
     */
    UV_VENV("uv-venv"),
    /** What {@link #UV_VENV} became when the job has setup-uv: {@code activate-environment: true} on that step. */
    SETUP_UV_ACTIVATE("setup-uv-activate"),
    /** Rewrite a pip install of command-line applications ({@code pip install poetry}) as {@code pipx install}. */
    PIPX("pipx"),
    /** Insert a step that points {@code PIPX_HOME} and {@code PIPX_BIN_DIR} at directories the job owns. */
    PIPX_HOME("pipx-home"),
    /** Drop {@code --user} from the failing step's pip installs: the Python they run has no user site. */
    DROP_USER("drop-user");

    private final String id;

    FixStrategy(String id) {
        this.id = id;
    }

    /** The name in {@code analyze --format json}. */
    public String id() {
        return id;
    }
}
