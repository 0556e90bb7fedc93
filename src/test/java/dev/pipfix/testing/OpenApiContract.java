package dev.pipfix.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GitHub's own description of its REST API ({@code @octokit/openapi}), cut down to the operations pipfix calls by
 * {@code src/test/openapi/extract.js}: every request the simulator received is held against it. A request breaks the
 * contract when no described operation has its method and path, when it names a query parameter the operation does
 * not take or leaves out a required one, when its body is missing, not JSON, or has a property the operation does
 * not take or lacks a required one, or when GitHub Enterprise Server 3.17 lacks the operation.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** GitHub's OAuth web flow, not the REST API: not in the description. */
    private static final String OAUTH_WEB = "/login/oauth/";

    private record Operation(String method, String template, Pattern path, JsonNode description) {}

    private final List<Operation> operations = new ArrayList<>();
    private final String source;

    private OpenApiContract(JsonNode file) {
        this.source = file.path("source").asText();
        for (JsonNode op : file.path("operations")) {
            String template = op.path("path").asText();
            operations.add(new Operation(op.path("method").asText(), template, pattern(template), op));
        }
    }

    public static OpenApiContract load() {
        try {
            return new OpenApiContract(JSON.readTree(Fixtures.text("openapi/operations.json")));
        } catch (IOException e) {
            throw new IllegalStateException("src/test/resources/openapi/operations.json is not JSON", e);
        }
    }

    /** What is wrong with each request that breaks the contract, one line each; empty when all keep it. */
    public List<String> violations(List<LoggedRequest> requests) {
        List<String> violations = new ArrayList<>();
        for (LoggedRequest request : requests) {
            String path = request.getUrl().replaceFirst("\\?.*", "");
            if (path.startsWith(OAUTH_WEB) || fromABrowser(request)) {
                continue;
            }
            String name = request.getMethod().getName() + " " + request.getUrl();
            Optional<Operation> operation = operations.stream()
                    .filter(op -> op.method().equals(request.getMethod().getName()))
                    .filter(op -> op.path().matcher(path).matches())
                    .findFirst();
            if (operation.isEmpty()) {
                violations.add(name + ": no operation of " + source + " that pipfix is known to call");
                continue;
            }
            check(request, operation.get()).forEach(problem -> violations.add(name + ": " + problem));
        }
        return violations;
    }

    /** The browser tests' Chromium on the simulated GitHub's web pages (the App registration form): not pipfix. */
    private static boolean fromABrowser(LoggedRequest request) {
        return String.valueOf(request.getHeader("User-Agent")).startsWith("Mozilla/");
    }

    private static List<String> check(LoggedRequest request, Operation operation) {
        List<String> problems = new ArrayList<>();
        JsonNode op = operation.description();
        if (!op.path("ghes317").asBoolean()) {
            problems.add(operation.template() + " is not on GitHub Enterprise Server 3.17");
        }
        Set<String> declared = new HashSet<>();
        for (JsonNode parameter : op.path("parameters")) {
            if (!parameter.path("in").asText().equals("query")) {
                continue;
            }
            String name = parameter.path("name").asText();
            declared.add(name);
            if (parameter.path("required").asBoolean()
                    && !request.getQueryParams().containsKey(name)) {
                problems.add("the required query parameter " + name + " is missing");
            }
        }
        for (QueryParameter parameter : request.getQueryParams().values()) {
            if (!declared.contains(parameter.key())) {
                problems.add("the query parameter " + parameter.key() + " is not one of " + declared);
            }
        }
        problems.addAll(checkBody(request, op.path("requestBody")));
        return problems;
    }

    private static List<String> checkBody(LoggedRequest request, JsonNode body) {
        byte[] sent = request.getBody();
        if (body.isMissingNode() || body.isNull()) {
            return sent.length == 0 ? List.of() : List.of("a body was sent to an operation that takes none");
        }
        if (sent.length == 0) {
            return body.path("required").asBoolean() ? List.of("the required body is missing") : List.of();
        }
        String type = String.valueOf(request.getHeader("Content-Type"))
                .replaceFirst(";.*", "")
                .strip();
        boolean accepted = false;
        for (JsonNode contentType : body.path("contentTypes")) {
            accepted |= contentType.asText().equals(type);
        }
        if (!accepted) {
            return List.of("the body's type " + type + " is not one of " + body.path("contentTypes"));
        }
        JsonNode json;
        try {
            json = JSON.readTree(sent);
        } catch (IOException e) {
            return List.of("the body is not JSON");
        }
        List<String> problems = new ArrayList<>();
        JsonNode properties = body.path("properties");
        if (properties.isArray()) {
            Set<String> known = new HashSet<>();
            properties.forEach(p -> known.add(p.asText()));
            for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    problems.add("the body's property " + name + " is not one of " + known);
                }
            }
        }
        for (JsonNode required : body.path("requiredProperties")) {
            if (!json.has(required.asText())) {
                problems.add("the body lacks the required property " + required.asText());
            }
        }
        return problems;
    }

    /** {@code {path}} (a file's path in the contents API) may hold slashes; every other part is one segment. */
    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=})")) {
            if (part.equals("{path}")) {
                regex.append("[^?]+");
            } else if (part.startsWith("{")) {
                regex.append("[^/?]+");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
