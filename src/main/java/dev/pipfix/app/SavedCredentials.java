package dev.pipfix.app;

import dev.pipfix.github.NewApp;
import dev.pipfix.setup.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DATA_DIR/.env}: the credentials the setup page received from GitHub, readable by the owner only, and read
 * at every start-up under the environment and the working directory's {@code .env}.
 */
final class SavedCredentials {

    private SavedCredentials() {}

    static Path file(Path dataDir) {
        return dataDir.resolve(".env");
    }

    /** Writes the file whole, then moves it in place, so that a crash never leaves half of it. */
    static void save(Path dataDir, NewApp app) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("APP_ID", app.id());
        // one line, as DotEnv and every host's settings page take it; PrivateKeys reads the base64 of a PEM
        values.put("PRIVATE_KEY", Base64.getEncoder().encodeToString(app.pem().getBytes(StandardCharsets.UTF_8)));
        values.put("WEBHOOK_SECRET", app.webhookSecret());
        values.put("GITHUB_CLIENT_ID", app.clientId());
        values.put("GITHUB_CLIENT_SECRET", app.clientSecret());
        StringBuilder text = new StringBuilder("# The GitHub App ")
                .append(app.slug())
                .append(", registered from pipfix's setup page. Keep this file secret.\n");
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (value.getValue().matches(".*['\\r\\n].*")) {
                throw new IOException(value.getKey() + " from GitHub holds a quote or a line break");
            }
            text.append(value.getKey()).append("='").append(value.getValue()).append("'\n");
        }
        PrivateFiles.write(file(dataDir), text.toString());
    }
}
