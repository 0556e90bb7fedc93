package dev.pipfix.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pipfix.diagnosis.Diagnosis;
import dev.pipfix.diagnosis.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code analyze --format json} contract of DESIGN.md: field names and meanings are stable, fields may be
 * added ({@code stepLine}, {@code stepFailed}, {@code script} are additions).
 */
final class AnalysisJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnalysisJson() {
    }

    static String of(Diagnosis diagnosis) throws JsonProcessingException {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : diagnosis.findings()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", f.kind().id());
            json.put("cause", f.cause().id());
            json.put("line", f.line());
            json.put("step", f.step());
            json.put("command", f.command());
            json.put("path", f.path());
            json.put("os", f.os().id());
            json.put("evidence", f.evidence());
            json.put("stepLine", f.stepLine());
            json.put("stepFailed", f.stepFailed());
            json.put("script", f.script());
            findings.add(json);
        }
        return JSON.writeValueAsString(Map.of("findings", findings));
    }
}
