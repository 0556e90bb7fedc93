package dev.pipfix.github;

/**
 * The App GitHub registered from the manifest, with the credentials it hands over once: what the setup page saves.
 * {@link #toString()} leaves the secrets out.
 */
public record NewApp(
        String id,
        String slug,
        String name,
        String htmlUrl,
        String clientId,
        String clientSecret,
        String webhookSecret,
        String pem) {

    @Override
    public String toString() {
        return "NewApp[id=" + id + ", slug=" + slug + ", name=" + name + ", htmlUrl=" + htmlUrl + "]";
    }
}
