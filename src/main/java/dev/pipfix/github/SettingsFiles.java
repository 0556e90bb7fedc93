package dev.pipfix.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads a repository's settings file from its default branch, never from the branch that failed: a pull request
 * must not be able to switch pipfix off, or change what it proposes, for its own run.
 */
public final class SettingsFiles {

    /** A settings file is a few lines; anything bigger is not one, and is not read whole. */
    private static final int MAX_BYTES = 64 * 1024;

    /** The file is far bigger than any settings file: it is not read, and the defaults apply. */
    public static final class TooBigException extends IOException {
        TooBigException(String message) {
            super(message);
        }
    }

    /**
     * @return the file's text, or null when the repository has none
     * @throws TooBigException when the file is bigger than a settings file can be
     */
    public String readOnDefaultBranch(InstallationClient client, String repository, String path) throws IOException {
        String name = "GET /repos/{repo}/contents/" + path;
        Request request = new Request.Builder()
                .url(client.apiUrl() + "/repos/" + repository + "/contents/" + path)
                .header("Accept", "application/vnd.github.raw+json")
                .header("X-GitHub-Api-Version", GitHubClients.API_VERSION)
                .get()
                .build();
        try (Response response = client.http().newCall(request).execute()) {
            if (response.code() == 404) {
                return null;
            }
            if (!response.isSuccessful()) {
                throw ApiResponses.failure(name, response);
            }
            byte[] bytes = response.body().byteStream().readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new TooBigException("the file is over " + MAX_BYTES / 1024 + " KB, so it is not read");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
