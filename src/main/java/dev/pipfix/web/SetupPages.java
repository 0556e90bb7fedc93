package dev.pipfix.web;

import dev.pipfix.github.NewApp;
import dev.pipfix.setup.AppManifest;
import dev.pipfix.setup.SetupFlow;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** The pages of the first run: what pipfix will be allowed to do, the hop to GitHub, and what came of it. */
final class SetupPages {

    private static final String WHERE_THE_CODE_IS = "Only someone who can read this server's log or its files can"
            + " register its App: pipfix printed the code in its log when it started (the line <code>setup code"
            + " …</code>) and saved it in <code>DATA_DIR/setup-code</code>.";

    private final SetupFlow flow;

    SetupPages(SetupFlow flow) {
        this.flow = flow;
    }

    /**
     * @param askForCode whether the form asks for the setup code (it does unless the page is this machine's own)
     * @param error      what went wrong with the last try, or null
     */
    Page setup(boolean askForCode, String error) {
        return setup(askForCode, error, error == null ? 200 : 400);
    }

    private Page setup(boolean askForCode, String error, int status) {
        AppManifest manifest = flow.manifest();
        StringBuilder body = new StringBuilder("<h1>Set up pipfix</h1>\n")
                .append("<p>pipfix reads the logs of failed GitHub Actions runs, recognises pip's permission errors"
                        + " (<code>[Errno 13] Permission denied</code>, <code>[WinError 5] Access is denied</code>,"
                        + " <code>externally-managed-environment</code>) and comments on the pull request with the"
                        + " cause and a patch to the workflow.</p>\n")
                .append("<p>To run, it needs to be a GitHub App. The button below registers one on your account or"
                        + " an organization: GitHub shows you the App, you confirm, and GitHub sends you back here."
                        + " You then choose the repositories it may read.</p>\n");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">")
                    .append(Html.escape(error))
                    .append("</p>\n");
        }
        body.append("<h2>What pipfix will be allowed to do</h2>\n<ul>\n");
        for (AppManifest.Grant grant : manifest.permissions()) {
            body.append("<li><code>")
                    .append(Html.escape(grant.name()))
                    .append("</code> ")
                    .append(Html.escape(grant.why()))
                    .append("</li>\n");
        }
        body.append("</ul>\n<h2>What it listens to</h2>\n<ul>\n");
        for (AppManifest.Grant grant : manifest.events()) {
            body.append("<li><code>")
                    .append(Html.escape(grant.name()))
                    .append("</code> ")
                    .append(Html.escape(grant.why()))
                    .append("</li>\n");
        }
        body.append("</ul>\n<p>It cannot push, merge, approve or change settings: the one thing it writes is its"
                        + " comment, unless you allow it below to commit its fix when asked.</p>\n")
                .append("<h2>Where GitHub will send events</h2>\n<p><code id=\"webhook-url\">")
                .append(Html.escape(flow.webhookUrl()))
                .append("</code></p>\n");
        String host = URI.create(flow.webhookUrl()).getHost();
        if ("localhost".equals(host) || host.startsWith("127.") || "0.0.0.0".equals(host)) {
            body.append("<p class=\"warning\">GitHub cannot reach <code>")
                    .append(Html.escape(host))
                    .append("</code>. Set <code>PUBLIC_URL</code> to the address GitHub can reach this server at"
                            + " (your server's URL, or a tunnel's for local development) and restart before you"
                            + " register; you can also change the webhook URL in the App's settings later.</p>\n");
        }
        body.append("<form method=\"post\" action=\"/setup/start\">\n");
        if (askForCode) {
            body.append("<label for=\"setup_code\">Setup code</label>\n")
                    .append("<input id=\"setup_code\" name=\"setup_code\" required autocomplete=\"off\""
                            + " spellcheck=\"false\" placeholder=\"XXXXX-XXXXX-XXXXX-XXXXX\" maxlength=\"40\">\n")
                    .append("<div class=\"note\">")
                    .append(WHERE_THE_CODE_IS)
                    .append("</div>\n");
        }
        body.append("<label for=\"name\">App name</label>\n")
                .append("<input id=\"name\" name=\"name\" value=\"")
                .append(Html.escape(manifest.name()))
                .append("\" maxlength=\"34\">\n")
                .append("<div class=\"note\">App names are unique across GitHub; GitHub asks for another if this"
                        + " one is taken.</div>\n")
                .append("<label><input type=\"checkbox\" id=\"allow_commits\" name=\"allow_commits\""
                        + " value=\"true\"> Allow pipfix to commit its fix when asked</label>\n")
                .append("<div class=\"note\">Off by default. When on, someone who may push can comment"
                        + " <code>/pipfix apply</code> on a pull request and pipfix commits its patch to the branch;"
                        + " the App then also asks for:<ul>\n");
        for (AppManifest.Grant grant : manifest.commitGrants()) {
            body.append("<li><code>")
                    .append(Html.escape(grant.name()))
                    .append("</code> ")
                    .append(Html.escape(grant.why()))
                    .append("</li>\n");
        }
        body.append("</ul></div>\n")
                .append("<label for=\"organization\">Organization (optional)</label>\n")
                .append("<input id=\"organization\" name=\"organization\" placeholder=\"your-org\""
                        + " maxlength=\"39\">\n")
                .append("<div class=\"note\">Leave empty to register the App on your own account. You must be an"
                        + " owner of the organization. An organization's App also asks to read its members"
                        + " (<code>members: read</code>): GitHub tells the App whether you own the organization only"
                        + " then, and that is how you sign in to pipfix's status page.</div>\n")
                .append("<button type=\"submit\" id=\"register\">Register GitHub App</button>\n</form>\n");
        return new Page(status, Html.page("Set up pipfix", body.toString()));
    }

    /** The hop to GitHub: a form holding the manifest, posted at once by the browser (or by a click without JS). */
    Page start(
            String setupCode,
            boolean fromLoopback,
            String organization,
            String name,
            boolean allowCommits,
            Instant now) {
        SetupFlow.Start started = flow.start(setupCode, fromLoopback, organization, name, allowCommits, now);
        if (started instanceof SetupFlow.CodeRefused) {
            return setup(
                    true,
                    "That is not this server's setup code. pipfix printed it in its log when it started"
                            + " (the line \"setup code …\") and saved it in DATA_DIR/setup-code on the server; each code"
                            + " works once, and the next one is written there when it is used.",
                    403);
        }
        if (started instanceof SetupFlow.NotAnOrganization refused) {
            return setup(flow.needsCode(fromLoopback), refused.message());
        }
        SetupFlow.Registration registration = (SetupFlow.Registration) started;
        String action = registration.actionUrl() + "?state=" + registration.state();
        String body = "<h1>Taking you to GitHub…</h1>\n"
                + "<form id=\"manifest-form\" method=\"post\" action=\"" + Html.escape(action) + "\">\n"
                + "<input type=\"hidden\" name=\"manifest\" value=\"" + Html.escape(registration.manifestJson())
                + "\">\n<p>GitHub will show the App pipfix registers; confirm there, and it sends you back here.</p>\n"
                + "<button type=\"submit\" id=\"continue\">Continue to GitHub</button>\n</form>\n"
                + "<script>" + Html.SUBMIT_MANIFEST + "</script>\n";
        // the state comes back from GitHub in the link; the cookie says this browser started the registration
        return new Page(200, Html.page("Taking you to GitHub", body))
                .withCookies(List.of(stateCookie(registration.state(), STATE_LIFETIME)));
    }

    /** The cookie that binds a registration to the browser that started it. */
    static final String STATE_COOKIE = "pipfix_setup_state";

    private static final java.time.Duration STATE_LIFETIME = java.time.Duration.ofHours(1);

    private String stateCookie(String value, java.time.Duration maxAge) {
        return Cookies.set(STATE_COOKIE + "=" + value, "/setup", maxAge, flow.secure());
    }

    Page callback(String code, String state, String stateCookie, Instant now) {
        if (!Cookies.sameState(state, stateCookie)) {
            return Page.problem(
                    400,
                    "This link did not come from this browser",
                    "The registration it belongs to was started in another browser, or more than an hour ago. Start"
                            + " again from <a href=\"/\">the setup page</a>, in the browser you confirm it in.");
        }
        SetupFlow.Outcome outcome = flow.complete(code, state, now);
        if (outcome instanceof SetupFlow.Installed installed) {
            String body = "<h1>pipfix is registered</h1>\n"
                    + "<p>The GitHub App <a id=\"app-link\" href=\""
                    + Html.escape(installed.app().htmlUrl()) + "\">"
                    + Html.escape(installed.app().name()) + "</a> (id "
                    + Html.escape(installed.app().id())
                    + ") is ready, and pipfix is now listening for its events. Its key and secrets are saved in"
                    + " <code>DATA_DIR/.env</code>, readable by this server's user only; pipfix reads them at every"
                    + " start.</p>\n<h2>Next: choose the repositories</h2>\n"
                    + "<p>pipfix acts only on the repositories you install it on.</p>\n"
                    + "<a class=\"button\" id=\"install\" href=\"" + Html.escape(installed.installUrl())
                    + "\">Install " + Html.escape(installed.app().name()) + " on repositories</a>\n"
                    + "<p class=\"note\">Then <a href=\"/\">see what pipfix is doing</a>.</p>\n"
                    + hostSettings(installed.app());
            return new Page(200, Html.page("pipfix is registered", body));
        }
        if (outcome instanceof SetupFlow.UnknownState) {
            return Page.problem(
                    400,
                    "This link did not come from here",
                    "The registration it belongs to was not started on this server, or it was completed already"
                            + " (each works once, within an hour). If you just registered the App, it is set up:"
                            + " <a href=\"/\">see the status</a>. Otherwise start again from the setup page.");
        }
        if (outcome instanceof SetupFlow.CodeRejected rejected) {
            return Page.problem(
                    400,
                    "GitHub did not accept the registration code",
                    Html.escape(rejected.detail()) + ". A code works once, within an hour of the registration. If"
                            + " GitHub created the App anyway, delete it under Settings → Developer settings → GitHub"
                            + " Apps, then <a href=\"/\">start again</a>.");
        }
        if (outcome instanceof SetupFlow.GitHubUnreachable unreachable) {
            return Page.problem(
                    502,
                    "GitHub could not be reached",
                    "Exchanging the registration code failed: " + Html.escape(unreachable.detail())
                            + ". Check <code>GITHUB_API_URL</code> and this server's network, then reload this"
                            + " page: the code stays good for an hour.");
        }
        SetupFlow.NotSaved notSaved = (SetupFlow.NotSaved) outcome;
        return Page.problem(
                500,
                "The App was registered, but its credentials could not be saved",
                "GitHub registered <a href=\"" + Html.escape(notSaved.app().htmlUrl()) + "\">"
                        + Html.escape(notSaved.app().name()) + "</a> (id "
                        + Html.escape(notSaved.app().id())
                        + "), but <code>DATA_DIR/.env</code> could not be written: " + Html.escape(notSaved.detail())
                        + ". Make <code>DATA_DIR</code> writable and register again, or set <code>APP_ID</code>,"
                        + " <code>WEBHOOK_SECRET</code> and a private key generated on the App's settings page"
                        + " yourself and restart.");
    }

    /**
     * The credentials once, for hosts whose disk does not survive a restart (Heroku's dynos): shown on this answer
     * to the callback only, which its single-use state makes a one-time page; never on the status page.
     */
    private static String hostSettings(NewApp app) {
        String key = Base64.getEncoder().encodeToString(app.pem().getBytes(StandardCharsets.UTF_8));
        return "<details id=\"host-settings\"><summary>Running where the disk is wiped on restart (Heroku)?"
                + "</summary>\n<p>Set these as your host's configuration now; this page is the only time pipfix"
                + " shows them. On Heroku:</p>\n<pre>heroku config:set APP_ID=" + Html.escape(app.id())
                + " WEBHOOK_SECRET=" + Html.escape(app.webhookSecret()) + " PRIVATE_KEY=" + Html.escape(key)
                + "</pre>\n</details>\n";
    }

    /** Signing in waits for the App: until it is registered there is nothing to sign in to. */
    static Page notYet() {
        return Page.problem(
                409,
                "pipfix is not set up yet",
                "Register its GitHub App first: <a href=\"/\">open the setup page</a>.");
    }

    static Page alreadySetUp() {
        return Page.problem(
                409,
                "pipfix is set up already",
                "This server has its App's credentials; the setup pages are closed so that nobody can register"
                        + " another App in its place. <a href=\"/\">See the status</a>.");
    }
}
