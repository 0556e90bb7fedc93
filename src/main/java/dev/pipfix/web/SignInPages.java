package dev.pipfix.web;

import dev.pipfix.github.OwnerSignIn;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in to the status page with GitHub: the hop to GitHub with a state also kept in a short-lived cookie, the
 * way back (the state must match the cookie, so no other site can sign a browser in), and signing out.
 */
final class SignInPages {

    static final String STATE_COOKIE = "pipfix_oauth_state";
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(SignInPages.class);

    private final OwnerAccess access;
    private final SecureRandom random;

    SignInPages(OwnerAccess access, SecureRandom random) {
        this.access = access;
        this.random = random;
    }

    /** {@code GET /auth/signin}: to GitHub's authorize page, with a fresh state. */
    Page start() {
        if (!access.canSignIn()) {
            return Page.problem(
                    404,
                    "Sign-in is not set up here",
                    "Signing in with GitHub needs the App's client id and secret (<code>GITHUB_CLIENT_ID</code>,"
                            + " <code>GITHUB_CLIENT_SECRET</code>). An operator can also open the status page with"
                            + " <code>ADMIN_TOKEN</code> as a bearer token.");
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SessionCookies cookies = access.sessions().orElseThrow();
        return Page.redirect(
                access.signIn().orElseThrow().authorizeUrl(access.callbackUrl(), state),
                List.of(cookies.attributes(STATE_COOKIE + "=" + state, "/auth", STATE_LIFETIME)));
    }

    /** {@code GET /auth/callback}: GitHub sends the browser back with a code and the state. */
    Page callback(String code, String state, String stateCookie, String error) {
        if (!access.canSignIn()) {
            return start();
        }
        SessionCookies cookies = access.sessions().orElseThrow();
        List<String> clearState = List.of(cookies.attributes(STATE_COOKIE + "=", "/auth", Duration.ZERO));
        if (!Cookies.sameState(state, stateCookie)) {
            return Page.problem(
                            400,
                            "This sign-in did not start here",
                            "The link that brought you here does not belong to a sign-in this browser started on this"
                                    + " server (or it is more than ten minutes old). <a href=\"/auth/signin\">Sign in"
                                    + " again</a>.")
                    .withCookies(clearState);
        }
        if (error != null || code == null || code.isBlank()) {
            return Page.problem(
                            400,
                            "GitHub did not sign you in",
                            (error == null ? "GitHub sent no code back" : "GitHub said: " + Html.escape(error))
                                    + ". <a href=\"/auth/signin\">Try again</a>.")
                    .withCookies(clearState);
        }
        OwnerSignIn.Verdict verdict;
        try {
            verdict = access.signIn().orElseThrow().signIn(code, access.callbackUrl());
        } catch (IOException e) {
            LOG.warn("sign-in failed: {}", e.getMessage());
            return Page.problem(
                            502,
                            "GitHub could not be asked who you are",
                            Html.escape(e.getMessage()) + ". <a href=\"/auth/signin\">Try again</a> in a moment.")
                    .withCookies(clearState);
        }
        if (verdict instanceof OwnerSignIn.Owner owner) {
            LOG.info("status page: {} signed in as the App's owner", owner.login());
            return Page.redirect("/", List.of(clearState.get(0), cookies.issue(owner.login())));
        }
        if (verdict instanceof OwnerSignIn.NotOwner notOwner) {
            LOG.info("status page: {} signed in but does not own the App", notOwner.login());
            return Page.problem(
                            403,
                            "Only the App's owner sees this server's details",
                            "You signed in as <strong>" + Html.escape(notOwner.login()) + "</strong>, but "
                                    + Html.escape(notOwner.why())
                                    + ". The status page shows the repositories pipfix serves,"
                                    + " which may be private, so it opens to the App's owner only: the user who owns the"
                                    + " App, or an owner of the organization that does. <a href=\"/\">Back</a>.")
                    .withCookies(clearState);
        }
        OwnerSignIn.Refused refused = (OwnerSignIn.Refused) verdict;
        return Page.problem(
                        400,
                        "GitHub did not accept the sign-in",
                        Html.escape(refused.detail()) + ". <a href=\"/auth/signin\">Sign in again</a>.")
                .withCookies(clearState);
    }

    /**
     * {@code POST /auth/signout}, from the status page's form: its token is the session's, so another site's form
     * cannot sign a browser out. The session ends on this server, not only in this browser.
     */
    Page signOut(String sessionCookie, String token) {
        if (access.sessions()
                .map(cookies -> cookies.signOut(sessionCookie, token))
                .orElse(false)) {
            return Page.redirect("/", List.of(access.sessions().orElseThrow().cleared()));
        }
        return Page.problem(
                400,
                "This sign-out did not come from the status page",
                "Sign out with the button on <a href=\"/\">the status page</a>.");
    }

    /** What anyone who is not the owner sees at {@code GET /}. */
    static Page publicPage(OwnerAccess access, String version) {
        StringBuilder body = new StringBuilder("<h1>pipfix</h1>\n<p>pipfix <span id=\"version\">")
                .append(Html.escape(version))
                .append("</span> is running.</p>\n");
        body.append("<p>What it serves (the App, where it is installed, the latest runs and their comments) is"
                + " for the App's owner only.</p>\n");
        if (access.canSignIn()) {
            body.append("<a class=\"button\" id=\"sign-in\" href=\"/auth/signin\">Sign in with GitHub</a>\n");
        } else {
            body.append("<p class=\"note\">Sign-in with GitHub is not set up here (it needs the App's"
                    + " <code>GITHUB_CLIENT_ID</code> and <code>GITHUB_CLIENT_SECRET</code>); the operator can"
                    + " send <code>ADMIN_TOKEN</code> as a bearer token.</p>\n");
        }
        body.append("<p class=\"note\">Health: <a href=\"/healthz\">/healthz</a>.</p>\n");
        return new Page(200, Html.page("pipfix", body.toString()));
    }
}
