import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed workflow_run deliveries for bench/load.sh. The fixture payload's repository objects are cut down; GitHub
 * sends them whole, with every *_url field, which is what makes a real delivery about 20 KB. This puts them back, then
 * writes the body as a template (the run id as @RUN_ID@) and, per phase, one line per delivery: its id, its run id
 * and its X-Hub-Signature-256 over the body with that run id. wrk's Lua cannot compute an HMAC; it reads these.
 *
 * Usage: java bench/GenerateDeliveries.java FIXTURE OUT_DIR SECRET PHASE:COUNT...
 */
public final class GenerateDeliveries {

    private static final String RUN_ID = "680634037";
    private static final String[] REPOSITORY_URLS = {
        "forks_url", "keys_url{/key_id}", "collaborators_url{/collaborator}", "teams_url", "hooks_url",
        "issue_events_url{/number}", "events_url", "assignees_url{/user}", "branches_url{/branch}", "tags_url",
        "blobs_url{/sha}", "git_tags_url{/sha}", "git_refs_url{/sha}", "trees_url{/sha}", "statuses_url{/sha}",
        "languages_url", "stargazers_url", "contributors_url", "subscribers_url", "subscription_url",
        "commits_url{/sha}", "git_commits_url{/sha}", "comments_url{/number}", "issue_comment_url{/number}",
        "contents_url{/+path}", "compare_url{/base}...{/head}", "merges_url", "archive_url{archive_format}{/ref}",
        "downloads_url", "issues_url{/number}", "pulls_url{/number}", "milestones_url{/number}",
        "notifications_url{?since,all,participating}", "labels_url{/name}", "releases_url{/id}", "deployments_url",
    };

    public static void main(String[] args) throws Exception {
        String payload = Files.readString(Path.of(args[0]));
        Path out = Path.of(args[1]);
        byte[] secret = args[2].getBytes(StandardCharsets.UTF_8);
        String template = withWholeRepositories(payload).replace(RUN_ID, "@RUN_ID@");
        Files.createDirectories(out);
        Files.writeString(out.resolve("template.json"), template);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        long runId = 800_000_000L;
        for (int p = 3; p < args.length; p++) {
            String[] phase = args[p].split(":");
            int count = Integer.parseInt(phase[1]);
            StringBuilder lines = new StringBuilder(count * 120);
            for (int i = 0; i < count; i++) {
                runId++;
                byte[] body = template.replace("@RUN_ID@", Long.toString(runId)).getBytes(StandardCharsets.UTF_8);
                String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
                lines.append(phase[0]).append('-').append(runId).append(' ').append(runId).append(' ')
                        .append(signature).append('\n');
            }
            Files.writeString(out.resolve("deliveries-" + phase[0] + ".txt"), lines);
        }
        System.out.printf("body %d bytes%n", template.replace("@RUN_ID@", Long.toString(runId)).length());
    }

    /** Adds GitHub's *_url fields after each {@code "html_url": "https://github.com/OWNER/REPO"} of a repository. */
    private static String withWholeRepositories(String payload) {
        StringBuilder out = new StringBuilder(payload.length() * 3);
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(\\n(\\s*)\"html_url\": \"https://github\\.com/([\\w.-]+/[\\w.-]+)\",)")
                .matcher(payload);
        int last = 0;
        while (m.find()) {
            out.append(payload, last, m.end());
            String indent = m.group(2);
            String api = "https://api.github.com/repos/" + m.group(3);
            StringJoiner fields = new StringJoiner(",");
            for (String url : REPOSITORY_URLS) {
                int brace = url.indexOf('{');
                String name = brace < 0 ? url : url.substring(0, brace);
                String suffix = brace < 0 ? "" : url.substring(brace);
                fields.add("\n" + indent + "\"" + name + "\": \"" + api + "/" + name.replace("_url", "")
                        .replace("issue_events", "issues/events").replace("git_", "git/") + suffix + "\"");
            }
            out.append(fields).append(',');
            last = m.end();
        }
        return out.append(payload, last, payload.length()).toString();
    }
}
