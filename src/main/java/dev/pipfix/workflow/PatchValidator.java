package dev.pipfix.workflow;

import dev.pipfix.text.Message;
import dev.pipfix.yaml.BoundedYaml;
import dev.pipfix.yaml.SameData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Checks a patch before anyone sees it: the patched file parses, has no duplicate keys, and differs from the
 * original only where the patch meant to change it. Anything else means the splice went wrong; then no diff is
 * offered.
 */
final class PatchValidator {

    /** One comparison's budget, shared by every part of the two files it compares. */
    private final SameData same;

    private PatchValidator(SameData same) {
        this.same = same;
    }

    /**
     * @param inserted the step inserted before the failing one, as data, or null for an edit in place
     * @return what is wrong, or nothing when the patch holds
     */
    static Optional<Message> problem(String original, String patched, String jobId, int stepIndex, Object inserted) {
        return problem(original, patched, jobId, stepIndex, inserted, false);
    }

    /** @param composite the steps are a composite action's {@code runs.steps}, not a workflow job's */
    static Optional<Message> problem(
            String original, String patched, String jobId, int stepIndex, Object inserted, boolean composite) {
        Loaded loaded = Loaded.of(original, patched);
        if (loaded.problem().isPresent()) {
            return loaded.problem();
        }
        try {
            return new PatchValidator(new SameData())
                    .compare(loaded.before(), loaded.after(), jobId, stepIndex, inserted, composite);
        } catch (SameData.TooComplexException e) {
            return Optional.of(Message.of(e.getMessage()));
        }
    }

    /** Both texts as data, or what kept one of them from loading. */
    private record Loaded(Object before, Object after, Optional<Message> problem) {

        static Loaded of(String original, String patched) {
            Object before;
            try {
                before = load(original);
            } catch (YamlEngineException e) {
                return failed(Message.of("the original file does not load strictly ({})", firstLine(e.getMessage())));
            } catch (BoundedYaml.LimitException e) {
                return failed(Message.of("the original file is past pipfix's bounds: " + e.getMessage()));
            }
            try {
                return new Loaded(before, load(patched), Optional.empty());
            } catch (YamlEngineException e) {
                return failed(Message.of("the patched file does not parse ({})", firstLine(e.getMessage())));
            } catch (BoundedYaml.LimitException e) {
                return failed(Message.of("the patched file is past pipfix's bounds: " + e.getMessage()));
            }
        }

        private static Loaded failed(Message problem) {
            return new Loaded(null, null, Optional.of(problem));
        }
    }

    /**
     * setup-uv's activation: the setup-uv step gained {@code activate-environment: true} (a boolean, as the action
     * reads it) and nothing else, the failing step changed only its script, and the rest is as it was.
     */
    static Optional<Message> activationProblem(
            String original, String patched, String jobId, int stepIndex, int setupIndex, boolean composite) {
        Loaded loaded = Loaded.of(original, patched);
        if (loaded.problem().isPresent()) {
            return loaded.problem();
        }
        Object before = loaded.before();
        Object after = loaded.after();
        Optional<Map<Object, Object>> setupBefore = stepOf(before, jobId, setupIndex, composite);
        Optional<Map<Object, Object>> setupAfter = stepOf(after, jobId, setupIndex, composite);
        if (setupBefore.isEmpty() || setupAfter.isEmpty()) {
            return Optional.of(Message.of("the setup-uv step is not where it was"));
        }
        if (!(setupAfter.get().get("with") instanceof Map<?, ?> inputs)
                || !Boolean.TRUE.equals(inputs.get(SetupUvActivation.KEY))) {
            return Optional.of(Message.of("the setup-uv step does not read `" + SetupUvActivation.KEY + ": true`"));
        }
        // undo the one change meant, then the rest must be as it was
        Map<Object, Object> inputsUndone = new HashMap<>(inputs);
        Object was = setupBefore.get().get("with") instanceof Map<?, ?> old ? old.get(SetupUvActivation.KEY) : null;
        if (was == null) {
            inputsUndone.remove(SetupUvActivation.KEY);
        } else {
            inputsUndone.put(SetupUvActivation.KEY, was);
        }
        if (inputsUndone.isEmpty() && !setupBefore.get().containsKey("with")) {
            setupAfter.get().remove("with");
        } else {
            setupAfter.get().put("with", inputsUndone);
        }
        try {
            return new PatchValidator(new SameData()).compare(before, after, jobId, stepIndex, null, composite);
        } catch (SameData.TooComplexException e) {
            return Optional.of(Message.of(e.getMessage()));
        }
    }

    /** The step as a mutable map inside the loaded file (the loader's maps and lists are mutable). */
    @SuppressWarnings("unchecked")
    private static Optional<Map<Object, Object>> stepOf(Object file, String jobId, int index, boolean composite) {
        if (!(file instanceof Map<?, ?> root)) {
            return Optional.empty();
        }
        Object job = composite ? root.get("runs") : root.get("jobs") instanceof Map<?, ?> jobs ? jobs.get(jobId) : null;
        if (job instanceof Map<?, ?> j && j.get("steps") instanceof List<?> steps && index < steps.size()) {
            return steps.get(index) instanceof Map<?, ?> step
                    ? Optional.of((Map<Object, Object>) step)
                    : Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<Message> compare(
            Object before, Object after, String jobId, int stepIndex, Object inserted, boolean composite) {
        if (!(before instanceof Map<?, ?> a) || !(after instanceof Map<?, ?> b)) {
            return Optional.of(Message.of("the file is not a mapping"));
        }
        Map<Object, Object> restA = new HashMap<>(a);
        Map<Object, Object> restB = new HashMap<>(b);
        if (composite) {
            Object runsA = restA.remove("runs");
            Object runsB = restB.remove("runs");
            return same.same(restA, restB)
                    ? checkJob(runsA, runsB, stepIndex, inserted)
                    : Optional.of(Message.of("something outside runs changed"));
        }
        Object jobsA = restA.remove("jobs");
        Object jobsB = restB.remove("jobs");
        if (!same.same(restA, restB)) {
            return Optional.of(Message.of("something outside jobs changed"));
        }
        if (!(jobsA instanceof Map<?, ?> ja)
                || !(jobsB instanceof Map<?, ?> jb)
                || !ja.keySet().equals(jb.keySet())) {
            return Optional.of(Message.of("the jobs changed"));
        }
        for (Object id : ja.keySet()) {
            if (!id.equals(jobId) && !same.same(ja.get(id), jb.get(id))) {
                return Optional.of(Message.of("job {} changed", id));
            }
        }
        return checkJob(ja.get(jobId), jb.get(jobId), stepIndex, inserted);
    }

    private Optional<Message> checkJob(Object before, Object after, int stepIndex, Object inserted) {
        if (!(before instanceof Map<?, ?> a) || !(after instanceof Map<?, ?> b)) {
            return Optional.of(Message.of("the job is not a mapping"));
        }
        Map<Object, Object> restA = new HashMap<>(a);
        Map<Object, Object> restB = new HashMap<>(b);
        Object stepsA = restA.remove("steps");
        Object stepsB = restB.remove("steps");
        if (!same.same(restA, restB)) {
            return Optional.of(Message.of("the job's settings changed"));
        }
        if (!(stepsA instanceof List<?> sa) || !(stepsB instanceof List<?> sb)) {
            return Optional.of(Message.of("the job has no steps list"));
        }
        int offset = inserted == null ? 0 : 1;
        if (sb.size() != sa.size() + offset) {
            return Optional.of(Message.of("the number of steps is not what the patch meant"));
        }
        if (inserted != null && !same.same(inserted, sb.get(stepIndex))) {
            return Optional.of(Message.of("the new step is not where it belongs, or not what it should be"));
        }
        for (int i = 0; i < sa.size(); i++) {
            Object was = sa.get(i);
            Object is = sb.get(i >= stepIndex ? i + offset : i);
            if (i == stepIndex) {
                if (!sameExceptRun(was, is)) {
                    return Optional.of(Message.of("the failing step changed beyond its script"));
                }
            } else if (!same.same(was, is)) {
                return Optional.of(Message.of("step " + (i + 1) + " changed"));
            }
        }
        return Optional.empty();
    }

    private boolean sameExceptRun(Object was, Object is) {
        if (!(was instanceof Map<?, ?> a) || !(is instanceof Map<?, ?> b)) {
            return false;
        }
        Map<Object, Object> restA = new HashMap<>(a);
        Map<Object, Object> restB = new HashMap<>(b);
        restA.remove("run");
        restB.remove("run");
        return same.same(restA, restB) && a.containsKey("run") == b.containsKey("run");
    }

    static Object load(String text) throws BoundedYaml.LimitException {
        return BoundedYaml.loadStrictly(text, "workflow");
    }

    /** pipfix's own step, as data: a few lines, always within the bounds. */
    static Object loadOwn(String text) {
        try {
            return load(text);
        } catch (BoundedYaml.LimitException e) {
            throw new IllegalStateException("pipfix's own step is past its YAML bounds", e);
        }
    }

    private static String firstLine(String message) {
        return message == null
                ? "unknown error"
                : message.lines().findFirst().orElse(message).strip();
    }
}
