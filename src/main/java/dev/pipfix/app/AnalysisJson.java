package dev.pipfix.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pipfix.diagnosis.Finding;
import dev.pipfix.workflow.WorkflowFix;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

/**
 * The {@code analyze --format json} contract of DESIGN.md: field names and meanings are stable, fields may be
 * added ({@code stepLine}, {@code stepFailed}, {@code script} are additions; {@code fix} adds {@code change} and
 * {@code note}; {@code installer} names the tool ({@code pip}, {@code uv}); {@code occurrences} counts the step's errors of the same kind and cause; {@code job} and {@code log} say where a finding came from when the input names jobs or several files
 * were given). Written with jackson-core's streaming
 * generator: the object mapper's start-up would cost the CLI more than scanning half a gigabyte.
 */
final class AnalysisJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private AnalysisJson() {}

    /**
     * A finding and where it came from.
     *
     * @param log the file, when several were given
     * @param job the job, when the input names it ({@code gh run view} output, a run's log archive)
     */
    record Located(Optional<String> log, Optional<String> job, Finding finding) {}

    static String of(List<Located> findings, Optional<WorkflowFix> patch) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text).useDefaultPrettyPrinter()) {
            json.writeStartObject();
            json.writeArrayFieldStart("findings");
            for (Located located : findings) {
                Finding f = located.finding();
                json.writeStartObject();
                json.writeStringField("kind", f.kind().id());
                json.writeStringField("cause", f.cause().id());
                json.writeNumberField("line", f.line());
                json.writeStringField("step", f.step());
                json.writeStringField("command", f.command());
                json.writeStringField("path", f.path());
                json.writeStringField("os", f.os().id());
                strings(json, "evidence", f.evidence());
                json.writeNumberField("stepLine", f.stepLine());
                json.writeBooleanField("stepFailed", f.stepFailed());
                strings(json, "script", f.script());
                json.writeNumberField("occurrences", f.occurrences());
                json.writeStringField("installer", f.installer().id());
                if (located.job().isPresent()) {
                    json.writeStringField("job", located.job().get());
                }
                if (located.log().isPresent()) {
                    json.writeStringField("log", located.log().get());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            if (patch.isPresent()) {
                WorkflowFix fix = patch.get();
                json.writeObjectFieldStart("fix");
                json.writeStringField("strategy", fix.strategy().id());
                json.writeStringField("workflow", fix.path());
                json.writeStringField("job", fix.job());
                json.writeStringField("diff", fix.diff());
                json.writeStringField("change", fix.change());
                json.writeStringField(
                        "note", fix.note() == null ? null : fix.note().plain());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        return text.toString();
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
