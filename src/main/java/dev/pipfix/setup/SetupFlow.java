package dev.pipfix.setup;

import dev.pipfix.github.GitHubApiException;
import dev.pipfix.github.ManifestConversions;
import dev.pipfix.github.NewApp;
import java.io.IOException;
import java.time.Instant;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's App manifest flow, from this side: start a registration (a state, and where to post the manifest), then
 * take GitHub's callback, exchange its code for the App's credentials and hand them to the {@link Installer}. Every
 * way the callback can go wrong is an {@link Outcome} the page can explain.
 */
public final class SetupFlow {

    private static final Logger LOG = LoggerFactory.getLogger(SetupFlow.class);
    /** GitHub logins: letters, digits and single hyphens, at most 39 characters. */
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?");

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** Saves the new App's credentials and starts using them. */
    public interface Installer {
        void install(NewApp app) throws IOException;
    }

    /** What asking to register gets. */
    public sealed interface Start {}

    /** Where the browser posts the manifest, and with which state. */
    public record Registration(String actionUrl, String manifestJson, String state) implements Start {}

    /** The setup code is missing or wrong: nothing goes to GitHub. */
    public record CodeRefused() implements Start {}

    /** The organization field holds no GitHub login. */
    public record NotAnOrganization(String message) implements Start {}

    public sealed interface Outcome {}

    public record Installed(NewApp app, String installUrl) implements Outcome {}

    /** The state is not one this instance issued in the last hour, or it was used already. */
    public record UnknownState() implements Outcome {}

    /** GitHub does not know the code: used already, or more than an hour old. */
    public record CodeRejected(String detail) implements Outcome {}

    public record GitHubUnreachable(String detail) implements Outcome {}

    /** The App was registered but its credentials could not be saved; the page shows what to set by hand. */
    public record NotSaved(NewApp app, String detail) implements Outcome {}

    private final AppManifest manifest;
    private final SetupCode setupCode;
    private final SetupStates states;
    private final ManifestConversions conversions;
    private final Installer installer;
    private final String githubUrl;
    private final String publicUrl;

    public SetupFlow(
            AppManifest manifest,
            SetupCode code,
            SetupStates states,
            ManifestConversions conversions,
            Installer installer,
            String githubUrl,
            String publicUrl) {
        this.manifest = manifest;
        this.setupCode = code;
        this.states = states;
        this.conversions = conversions;
        this.installer = installer;
        this.githubUrl = githubUrl;
        this.publicUrl = publicUrl;
    }

    public AppManifest manifest() {
        return manifest;
    }

    /** Whether the browser reaches this server over https: its cookies then travel over https only. */
    public boolean secure() {
        return publicUrl.startsWith("https://");
    }

    public String webhookUrl() {
        return publicUrl + "/webhook";
    }

    /**
     * Whether registering needs the setup code. Not when this server is reached at a loopback address only
     * ({@code PUBLIC_URL} is one) and the request came from this machine: nobody else can reach the page then. The
     * address is the connection's own; headers such as {@code X-Forwarded-For} are the sender's word and count for
     * nothing.
     */
    public boolean needsCode(boolean requestFromLoopback) {
        return !(requestFromLoopback && Loopback.isLoopbackUrl(publicUrl));
    }

    /**
     * @param setupCode    the code the form carried, or null
     * @param organization null or blank to register the App on the signed-in user's account
     */
    public Start start(String setupCode, boolean requestFromLoopback, String organization, String name, Instant now) {
        return start(setupCode, requestFromLoopback, organization, name, false, now);
    }

    /** @param allowCommits the App may commit pipfix's fix when someone who may push asks ({@code /pipfix apply}) */
    public Start start(
            String setupCode,
            boolean requestFromLoopback,
            String organization,
            String name,
            boolean allowCommits,
            Instant now) {
        if (needsCode(requestFromLoopback) && !this.setupCode.use(setupCode)) {
            LOG.warn("a registration was refused: the setup code was missing or wrong");
            return new CodeRefused();
        }
        String action = githubUrl + "/settings/apps/new";
        boolean forOrganization = organization != null && !organization.isBlank();
        if (forOrganization) {
            if (!LOGIN.matcher(organization.strip()).matches()) {
                return new NotAnOrganization("'" + organization.strip() + "' is not a GitHub organization"
                        + " name: letters, digits and hyphens, at most 39");
            }
            action = githubUrl + "/organizations/" + organization.strip() + "/settings/apps/new";
        }
        return new Registration(
                action, manifest.json(publicUrl, name, allowCommits, forOrganization), states.issue(now));
    }

    public Outcome complete(String code, String state, Instant now) {
        if (!states.valid(state, now)) {
            return new UnknownState();
        }
        if (code == null || !CODE.matcher(code).matches()) {
            return new CodeRejected("the callback carries no code GitHub could have issued");
        }
        NewApp app;
        try {
            app = conversions.convert(code);
        } catch (GitHubApiException e) {
            if (e.status() == 404 || e.status() == 422) {
                states.consume(state, now);
                return new CodeRejected(e.getMessage());
            }
            // the state stays good: reloading the page tries the same code again
            return new GitHubUnreachable(e.getMessage());
        } catch (IOException e) {
            return new GitHubUnreachable(e.toString());
        }
        if (!states.consume(state, now)) {
            return new UnknownState();
        }
        try {
            installer.install(app);
        } catch (IOException | RuntimeException e) {
            LOG.error("App {} was registered but its credentials could not be saved: {}", app.id(), e.toString());
            return new NotSaved(app, e.getMessage());
        }
        setupCode.delete();
        LOG.info("registered and installed App id={} slug={}", app.id(), app.slug());
        return new Installed(app, app.htmlUrl() + "/installations/new");
    }
}
