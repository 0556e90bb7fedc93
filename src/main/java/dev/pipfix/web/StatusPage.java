package dev.pipfix.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * {@code GET /} once the App is registered, for its owner: what pipfix is and what it did lately. Read-only, no
 * secrets; it names repositories and shows log lines, which may be private, so nobody else sees it.
 */
final class StatusPage {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private StatusPage() {}

    /**
     * @param viewer  the owner's login, or {@code ADMIN_TOKEN}
     * @param signOut the session's sign-out token; empty for a bearer token, which has no session to end
     */
    static String render(Status status, String version, String viewer, Optional<String> signOut) {
        StringBuilder body = new StringBuilder("<form class=\"session\" method=\"post\" action=\"/auth/signout\">"
                        + "<span class=\"note\">Signed in as <strong id=\"viewer\">")
                .append(Html.escape(viewer))
                .append("</strong></span>")
                .append(signOut.map(token -> " <input type=\"hidden\" name=\"token\" value=\"" + Html.escape(token)
                                + "\"><button type=\"submit\" id=\"sign-out\">Sign out</button>")
                        .orElse(""))
                .append("</form>\n")
                .append("<h1>pipfix</h1>\n<p>pipfix ")
                .append(Html.escape(version))
                .append(", running as the GitHub App ");
        if (status.appName() != null) {
            body.append("<a id=\"app-link\" href=\"")
                    .append(Html.escape(status.appUrl()))
                    .append("\">")
                    .append(Html.escape(status.appName()))
                    .append("</a>");
        } else {
            body.append("(name unknown)");
        }
        body.append(".");
        if (status.dryRun()) {
            body.append(" <strong>Dry run:</strong> nothing is written to GitHub; the comments it would post are"
                    + " logged.");
        }
        body.append("</p>\n");
        status.grants()
                .ifPresent(grants -> body.append("<p id=\"commit-mode\">")
                        .append(
                                grants.takeApplyCommand()
                                        ? "Commits on request: <strong>on</strong>. A comment <code>/pipfix apply</code> by"
                                                + " someone who may push commits pipfix's patch to the pull request's branch."
                                        : "Commits on request: <strong>off</strong> (read-only). <code>/pipfix apply</code>"
                                                + " needs " + Html.escape(String.join(", ", grants.missing()))
                                                + ", granted in the App's settings (Permissions &amp; events) and accepted"
                                                + " on each installation.")
                        .append("</p>\n"));
        if (status.appProblem() != null) {
            body.append("<p class=\"error\" role=\"alert\">GitHub could not be asked about the App: ")
                    .append(Html.escape(status.appProblem()))
                    .append("</p>\n");
        }
        body.append("<h2>Installations</h2>\n");
        if (status.installations().isEmpty()) {
            body.append("<p>None yet. ");
            if (status.appUrl() != null) {
                body.append("<a href=\"")
                        .append(Html.escape(status.appUrl()))
                        .append("/installations/new\">Install the App on repositories</a>.");
            }
            body.append("</p>\n");
        } else {
            body.append("<table id=\"installations\"><tr><th>account</th><th>repositories</th></tr>\n");
            for (Status.Installation installation : status.installations()) {
                body.append("<tr><td><a href=\"")
                        .append(Html.escape(installation.settingsUrl()))
                        .append("\">")
                        .append(Html.escape(installation.account()))
                        .append("</a> <span class=\"note\">")
                        .append(Html.escape(installation.accountType()))
                        .append("</span></td><td>")
                        .append(Html.escape(installation.repositories()))
                        .append("</td></tr>\n");
            }
            body.append("</table>\n");
        }
        body.append("<h2>Queue</h2>\n<p><span id=\"queued\">")
                .append(status.queued())
                .append("</span> run(s) waiting or running, <span id=\"failed\">")
                .append(status.failed())
                .append("</span> given up (kept 90 days with the reason).</p>\n")
                .append("<h2>Latest deliveries</h2>\n");
        if (status.deliveries().isEmpty()) {
            body.append("<p>None yet. GitHub sends a <code>workflow_run</code> event when a run completes on a"
                    + " repository the App is installed on.</p>\n");
        } else {
            body.append("<table id=\"deliveries\"><tr><th>received</th><th>event</th><th>delivery</th>"
                    + "<th>run</th><th>outcome</th></tr>\n");
            for (Status.DeliveryRow row : status.deliveries()) {
                body.append("<tr><td>")
                        .append(TIME.format(row.delivery().receivedAt()))
                        .append("</td><td>")
                        .append(Html.escape(row.delivery().event()))
                        .append("</td><td><code>")
                        .append(Html.escape(row.delivery().deliveryId()))
                        .append("</code></td><td>")
                        .append(Html.escape(
                                row.delivery().run() == null
                                        ? ""
                                        : row.delivery().run()))
                        .append("</td><td>")
                        .append(Html.escape(row.outcome()));
                if (row.delivery().dryRunComment() != null) {
                    body.append("<details class=\"dry-run\"><summary>the comment it would post</summary><pre>")
                            .append(Html.escape(row.delivery().dryRunComment()))
                            .append("</pre></details>");
                }
                body.append("</td></tr>\n");
            }
            body.append("</table>\n");
        }
        body.append("<p class=\"note\">Health: <a href=\"/healthz\">/healthz</a>.</p>\n");
        return Html.page("pipfix", body.toString());
    }
}
