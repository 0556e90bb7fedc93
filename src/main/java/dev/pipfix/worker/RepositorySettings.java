package dev.pipfix.worker;

import dev.pipfix.github.GitHubApi;
import dev.pipfix.github.SettingsFiles;
import dev.pipfix.settings.RepoSettings;
import dev.pipfix.settings.RepoSettingsFile;
import dev.pipfix.settings.SettingsProblem;
import java.io.IOException;
import java.util.List;

/**
 * A repository's {@code .github/pipfix.yml}, read from its default branch: for a run's comment and for a
 * {@code /pipfix apply} alike. A file that cannot be used is no reason to stop: its problems are named and the
 * defaults apply.
 */
final class RepositorySettings {

    private final SettingsFiles files = new SettingsFiles();

    RepoSettingsFile.Parsed read(GitHubApi api, String repository) throws IOException {
        try {
            return files.readOnDefaultBranch(api, repository, RepoSettings.PATH)
                    .map(RepoSettingsFile::parse)
                    .orElse(RepoSettingsFile.absent());
        } catch (SettingsFiles.TooBigException e) {
            return new RepoSettingsFile.Parsed(
                    RepoSettings.DEFAULTS,
                    List.of(new SettingsProblem(1, e.getMessage() + "; every setting keeps its default")));
        }
    }
}
