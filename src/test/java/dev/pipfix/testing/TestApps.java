package dev.pipfix.testing;

import dev.pipfix.app.Config;
import dev.pipfix.github.AppJwt;
import dev.pipfix.github.GitHubClients;
import dev.pipfix.github.GitHubConnection;
import dev.pipfix.github.KeyFormatException;
import dev.pipfix.github.PrivateKeys;
import java.nio.file.Path;
import java.time.Clock;
import okhttp3.OkHttpClient;

/** The settings of a registered App for servers started in a test. */
public final class TestApps {

    private TestApps() {}

    /** The App's GitHub clients against the simulator, as App 123456 with the test key. */
    public static GitHubClients clients(GitHubSimulator github, Clock clock) {
        try {
            return new GitHubClients(
                    new GitHubConnection(new OkHttpClient(), github.apiUrl(), github.apiUrl(), "pipfix-test"),
                    new AppJwt("123456", PrivateKeys.parse(Fixtures.text("keys/app-pkcs1.pem")), clock),
                    clock);
        } catch (KeyFormatException e) {
            throw new IllegalStateException("the test key is a PKCS#1 PEM", e);
        }
    }

    /**
     * App 123456 with the test key and {@code secret}, GitHub's API on the simulator, listening on 127.0.0.1 only,
     * on the embedded database under {@code dataDir}; the test adds what differs.
     */
    public static Config.Builder registered(GitHubSimulator github, String secret, Path dataDir) {
        try {
            return Config.builder()
                    .app("123456", PrivateKeys.parse(Fixtures.text("keys/app-pkcs1.pem")), secret)
                    .listen("127.0.0.1", 0)
                    .github(github.apiUrl(), "https://github.com")
                    .publicUrl("http://127.0.0.1")
                    .dataDir(dataDir);
        } catch (KeyFormatException e) {
            throw new IllegalStateException("the test key is a PKCS#1 PEM", e);
        }
    }
}
