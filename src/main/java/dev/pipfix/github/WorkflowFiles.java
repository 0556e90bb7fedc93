package dev.pipfix.github;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.kohsuke.github.GHContent;

/** Reads a workflow file as committed at the run's head SHA (not the default branch: the PR may change it). */
public final class WorkflowFiles {

    /** {@code workflow_run.path} may carry {@code @ref}: the file is read at the run's SHA anyway. */
    public static String stripRef(String path) {
        int at = path.indexOf('@');
        return at < 0 ? path : path.substring(0, at);
    }

    public String read(InstallationClient client, String repository, String path, String sha) throws IOException {
        try {
            GHContent content = client.gitHub().getRepository(repository).getFileContent(path, sha);
            // GHContent.getContent() decodes with the platform charset
            try (InputStream in = content.read()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (RuntimeException e) {
            throw InstallationClient.unwrap(e);
        }
    }
}
