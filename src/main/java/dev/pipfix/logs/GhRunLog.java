package dev.pipfix.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The output of {@code gh run view --log} or {@code --log-failed}: every line is {@code JOB<TAB>STEP<TAB>LINE}, where
 * LINE is the job log's line as GitHub stores it (timestamp and all), and a job's lines come together. Read as one
 * section per job, each a stream of the job's own log with the two columns taken off, and the steps the column named
 * for each of its lines. Streams, like the engine: a line is never held whole.
 */
final class GhRunLog {

    /** What {@code gh} writes in the step column when it cannot place a line. */
    static final String UNKNOWN_STEP = "UNKNOWN STEP";

    /** The two columns are names: far shorter than this; a line without both tabs in it is a line of content. */
    private static final int MAX_PREFIX_BYTES = 2048;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private Optional<Prefix> pending = Optional.empty();

    /** The two columns of a line, and the bytes read past them when the line turned out to have no columns. */
    private record Prefix(String job, String step, byte[] content) {}

    /** From which line on (1-based, in its job's section) the step column named {@code step}. */
    record StepRun(long fromLine, String step) {}

    GhRunLog(InputStream in) {
        this.in = in;
    }

    /** The next job's section, or empty after the last. Each section must be read to its end before the next. */
    Optional<Section> next() throws IOException {
        Optional<Prefix> first = pending.isPresent() ? pending : readPrefix(Optional.empty());
        pending = Optional.empty();
        return first.map(Section::new);
    }

    /** One job's log, as the job log itself would read. */
    final class Section extends InputStream {

        private final String job;
        private final List<StepRun> steps = new ArrayList<>();
        private Optional<Prefix> next;
        private byte[] carry = new byte[0];
        private int carried;
        private boolean inLine;
        private boolean done;
        private long lines;

        private Section(Prefix first) {
            this.job = first.job();
            this.next = Optional.of(first);
        }

        String job() {
            return job;
        }

        /** The step column's runs, in order; complete once the section has been read. */
        List<StepRun> steps() {
            return List.copyOf(steps);
        }

        /** The step the column named for a line of this section, unless it could not say. */
        Optional<String> stepAt(long line) {
            Optional<String> step = Optional.empty();
            for (StepRun run : steps) {
                if (run.fromLine() > line) {
                    break;
                }
                step = Optional.of(run.step());
            }
            return step.filter(name -> !name.equals(UNKNOWN_STEP));
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (!done) {
                if (carried < carry.length) {
                    int n = Math.min(length, carry.length - carried);
                    System.arraycopy(carry, carried, target, offset, n);
                    carried += n;
                    return n;
                }
                if (inLine) {
                    int n = copyLine(target, offset, length);
                    if (n > 0) {
                        return n;
                    }
                    continue;
                }
                Optional<Prefix> prefix = next.isPresent() ? next : readPrefix(Optional.of(this));
                next = Optional.empty();
                if (prefix.isEmpty()) {
                    done = true;
                } else if (!prefix.get().job().equals(job)) {
                    pending = prefix;
                    done = true;
                } else {
                    lines++;
                    if (steps.isEmpty()
                            || !steps.get(steps.size() - 1)
                                    .step()
                                    .equals(prefix.get().step())) {
                        steps.add(new StepRun(lines, prefix.get().step()));
                    }
                    carry = prefix.get().content();
                    carried = 0;
                    // a line without columns may have been read to its end already
                    inLine = carry.length == 0 || carry[carry.length - 1] != '\n';
                }
            }
            return -1;
        }

        /** Copies the rest of the current line, up to its newline; 0 when the line ended (or the input did). */
        private int copyLine(byte[] target, int offset, int length) throws IOException {
            if (position == limit && !fill()) {
                inLine = false;
                return 0;
            }
            int end = Math.min(limit, position + length);
            int n = 0;
            for (int i = position; i < end; i++) {
                n++;
                if (buffer[i] == '\n') {
                    inLine = false;
                    break;
                }
            }
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }
    }

    /**
     * Reads the next line's two columns. A line that does not have them (gh never writes one, but a file may have
     * been edited) is content of the section being read: its bytes are handed back as such.
     */
    private Optional<Prefix> readPrefix(Optional<Section> current) throws IOException {
        byte[] read = new byte[MAX_PREFIX_BYTES];
        int n = 0;
        int firstTab = -1;
        while (n < MAX_PREFIX_BYTES) {
            if (position == limit && !fill()) {
                break;
            }
            byte b = buffer[position++];
            read[n++] = b;
            if (b == '\n') {
                break;
            }
            if (b == '\t') {
                if (firstTab < 0) {
                    firstTab = n - 1;
                } else {
                    String job = new String(read, 0, firstTab, StandardCharsets.UTF_8);
                    String step = new String(read, firstTab + 1, n - 2 - firstTab, StandardCharsets.UTF_8);
                    return Optional.of(new Prefix(stripBom(job), step, new byte[0]));
                }
            }
        }
        if (n == 0) {
            return Optional.empty();
        }
        byte[] content = Arrays.copyOf(read, n);
        String job = current.map(Section::job).orElse("");
        String step = current.flatMap(s -> s.steps.isEmpty()
                        ? Optional.<String>empty()
                        : Optional.of(s.steps.get(s.steps.size() - 1).step()))
                .orElse(UNKNOWN_STEP);
        return Optional.of(new Prefix(job, step, content));
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
