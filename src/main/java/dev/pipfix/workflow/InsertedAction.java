package dev.pipfix.workflow;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The actions a patch may insert, each at the major version GitHub's runners still run, with the release and commit
 * it stands for. The one place these facts live: checked on {@link #CHECKED} against the action's repository (its
 * tags and the {@code runs.using} of its {@code action.yml}: {@code actions/setup-python@v5} declares Node 20, which
 * the runners no longer run by default since June 2026).
 */
enum InsertedAction {
    SETUP_PYTHON("actions/setup-python", "v7", "v7.0.0", "5fda3b95a4ea91299a34e894583c3862153e4b97");

    /** When the versions below were read from the actions' repositories. */
    static final String CHECKED = "2026-12-07";

    private static final Pattern FULL_SHA = Pattern.compile("^[^@\\s]+@[0-9a-f]{40}$");

    private final String name;
    private final String major;
    private final String release;
    private final String sha;

    InsertedAction(String name, String major, String release, String sha) {
        this.name = name;
        this.major = major;
        this.release = release;
        this.sha = sha;
    }

    /**
     * The {@code uses:} value, pinned the way the workflow pins its actions: by full commit SHA with the release in a
     * comment ({@code @5fda3b9... # v7.0.0}, as Dependabot writes it) when every action it uses from another
     * repository is pinned so, as organisations that enforce pinning require; else by major tag.
     *
     * @param otherUses the {@code uses:} values of the workflow's steps and jobs
     */
    String uses(List<String> otherUses) {
        List<String> remote = otherUses.stream()
                .map(String::strip)
                .filter(u -> !u.startsWith("./") && !u.startsWith("docker://"))
                .toList();
        boolean pinned = !remote.isEmpty()
                && remote.stream().allMatch(u -> FULL_SHA.matcher(u).matches());
        return pinned ? name + "@" + sha + " # " + release : name + "@" + major;
    }
}
