package dev.pipfix.github;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a repository's settings file from its default branch, never from the branch that failed: a pull request
 * must not be able to switch pipfix off, or change what it proposes, for its own run. Asked conditionally: the file
 * changes rarely, and a 304 costs no rate limit.
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
     * @return the file's text, or empty when the repository has none
     * @throws TooBigException when the file is bigger than a settings file can be
     */
    public Optional<String> readOnDefaultBranch(GitHubApi api, String repository, String path) throws IOException {
        return api.readUnlessMissing(
                ApiRequest.get("/repos/{repo}/contents/{path}", repository, path)
                        .accept(ApiRequest.RAW_MEDIA),
                body -> {
                    byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                    if (bytes.length > MAX_BYTES) {
                        throw new TooBigException("the file is over " + MAX_BYTES / 1024 + " KB, so it is not read");
                    }
                    return new String(bytes, StandardCharsets.UTF_8);
                });
    }
}
