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

    /** Where the browser posts the manifest, and with which state. */
    public record Registration(String actionUrl, String manifestJson, String state) {
    }

    public sealed interface Outcome {
    }

    public record Installed(NewApp app, String installUrl) implements Outcome {
    }

    /** The state is not one this instance issued in the last hour, or it was used already. */
    public record UnknownState() implements Outcome {
    }

    /** GitHub does not know the code: used already, or more than an hour old. */
    public record CodeRejected(String detail) implements Outcome {
    }

    public record GitHubUnreachable(String detail) implements Outcome {
    }

    /** The App was registered but its credentials could not be saved; the page shows what to set by hand. */
    public record NotSaved(NewApp app, String detail) implements Outcome {
    }

    private final AppManifest manifest;
    private final SetupStates states;
    private final ManifestConversions conversions;
    private final Installer installer;
    private final String githubUrl;
    private final String publicUrl;

    public SetupFlow(AppManifest manifest, SetupStates states, ManifestConversions conversions, Installer installer,
            String githubUrl, String publicUrl) {
        this.manifest = manifest;
        this.states = states;
        this.conversions = conversions;
        this.installer = installer;
        this.githubUrl = githubUrl;
        this.publicUrl = publicUrl;
    }

    public AppManifest manifest() {
        return manifest;
    }

    public String webhookUrl() {
        return publicUrl + "/webhook";
    }

    /**
     * @param organization null or blank to register the App on the signed-in user's account
     * @throws IllegalArgumentException when the organization is not a GitHub login
     */
    public Registration start(String organization, String name, Instant now) {
        String action = githubUrl + "/settings/apps/new";
        if (organization != null && !organization.isBlank()) {
            if (!LOGIN.matcher(organization.strip()).matches()) {
                throw new IllegalArgumentException("'" + organization.strip() + "' is not a GitHub organization"
                        + " name: letters, digits and hyphens, at most 39");
            }
            action = githubUrl + "/organizations/" + organization.strip() + "/settings/apps/new";
        }
        return new Registration(action, manifest.json(publicUrl, name), states.issue(now));
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
        LOG.info("registered and installed App id={} slug={}", app.id(), app.slug());
        return new Installed(app, app.htmlUrl() + "/installations/new");
    }
}
