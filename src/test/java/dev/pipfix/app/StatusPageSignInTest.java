package dev.pipfix.app;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipfix.github.PrivateKeys;
import dev.pipfix.testing.Fixtures;
import dev.pipfix.testing.GitHubSimulator;
import dev.pipfix.testing.ShiftedClock;
import dev.pipfix.testing.WebhookSender;
import dev.pipfix.web.SessionCookies;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who reads the status page, over real HTTP: anonymous, signed in with GitHub as the App's owner, signed in as
 * someone else, and a callback with a forged state; GitHub's OAuth flow in WireMock.
 */
class StatusPageSignInTest {

    private static final String PUBLIC_URL = "https://pipfix.example.net";
    private static final String SECRET = "webhook secret for the sign-in tests";
    private static final String CLIENT_ID = "Iv23liQ1yDn0aZEoXbzr";
    private static final String CLIENT_SECRET = "1726be1638095a19edd134c77bde3aa2ece1e5d8";
    private static final String DELIVERY = "c1a2b3d4-c6c1-11f0-8e5b-0a1b2c3d4e5f";

    @TempDir
    Path dataDir;

    private final ShiftedClock clock = new ShiftedClock();
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private GitHubSimulator github;
    private PipfixServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        // given a registered App, owned by the organization octo-org, that has received one delivery
        github = new GitHubSimulator(clock);
        github.app("pipfix-octo", "octo-org");
        github.tokenRevocation(CLIENT_ID);
        Config config = Config.builder()
                .app("123456", PrivateKeys.parse(Fixtures.text("keys/app-pkcs1.pem")), SECRET)
                .listen("127.0.0.1", 0)
                .github(github.apiUrl(), github.apiUrl())
                .publicUrl(PUBLIC_URL)
                .dataDir(dataDir)
                .oauthClient(Optional.of(new Config.OAuthClient(CLIENT_ID, CLIENT_SECRET)))
                .build();
        server = new PipfixServer(config, clock).start();
        base = "http://127.0.0.1:" + server.port();
        new WebhookSender(base + "/webhook", SECRET).deliver("ping", DELIVERY, Fixtures.payload("ping.json"));
    }

    @AfterEach
    void stop() {
        server.close();
        github.close();
    }

    @Test
    void anyone_sees_that_pipfix_runs_and_how_to_sign_in_but_none_of_its_details() throws Exception {
        HttpResponse<String> page = get("/", Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("is running")
                .contains("<span id=\"version\">")
                .contains("href=\"/auth/signin\"")
                .contains("Sign in with GitHub")
                .contains("href=\"/healthz\"")
                .doesNotContain("octo-org")
                .doesNotContain("pipfix-octo")
                .doesNotContain(DELIVERY);
    }

    @Test
    void the_owner_signs_in_with_github_reads_the_details_and_signs_out() throws Exception {
        // given an admin of octo-org on GitHub
        github.oauthCode("9f3c0a77d2e4b1c5e6a8", "ghu_ownerToken16characters0000000000");
        github.user("ghu_ownerToken16characters0000000000", "monalisa", 583231);
        github.membership("ghu_ownerToken16characters0000000000", "octo-org", "monalisa", "admin");

        // when the owner signs in
        HttpResponse<String> hop = get("/auth/signin", Map.of());

        // then the browser goes to GitHub's authorize page with the App's client id, the callback and a state
        assertThat(hop.statusCode()).isEqualTo(303);
        URI authorize = URI.create(hop.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.getPath()).isEqualTo("/login/oauth/authorize");
        Map<String, String> query = query(authorize);
        assertThat(query)
                .containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", PUBLIC_URL + "/auth/callback");
        String state = query.get("state");
        assertThat(state).hasSizeGreaterThanOrEqualTo(32);
        String stateCookie = cookie(hop, "pipfix_oauth_state");
        assertThat(stateCookie)
                .startsWith("pipfix_oauth_state=" + state + ";")
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Secure")
                .contains("Path=/auth");

        // when GitHub sends the browser back with a code
        HttpResponse<String> back = get(
                "/auth/callback?code=9f3c0a77d2e4b1c5e6a8&state=" + state,
                Map.of("Cookie", "pipfix_oauth_state=" + state));

        // then the owner has a session, GitHub's token is revoked, and the page shows the details
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue("/");
        String session = cookie(back, SessionCookies.NAME);
        assertThat(session)
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Secure")
                .contains("Max-Age=28800")
                .doesNotContain("ghu_");
        github.api()
                .verify(deleteRequestedFor(urlPathEqualTo("/applications/" + CLIENT_ID + "/token"))
                        .withRequestBody(equalToJson("{\"access_token\": \"ghu_ownerToken16characters0000000000\"}")));
        HttpResponse<String> status = get("/", Map.of("Cookie", value(session)));
        assertThat(status.body())
                .contains("Signed in as <strong id=\"viewer\">monalisa</strong>")
                .contains(">pipfix-octo</a>")
                .contains(DELIVERY);

        // when the owner signs out with the page's button
        HttpResponse<String> out = signOut(value(session), signOutToken(status.body()));

        // then the cookie is cleared, and the session is over on the server too: the same cookie opens nothing
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(cookie(out, SessionCookies.NAME))
                .startsWith(SessionCookies.NAME + "=;")
                .contains("Max-Age=0");
        assertThat(get("/", Map.of("Cookie", value(session))).body())
                .doesNotContain(DELIVERY)
                .contains("Sign in with GitHub");
    }

    @Test
    void another_sites_form_cannot_sign_the_owner_out() throws Exception {
        // given the owner is signed in
        String session = value(cookie(ownerSignsIn(), SessionCookies.NAME));

        // when a form elsewhere posts to the sign-out without the page's token (with or without the cookie)
        HttpResponse<String> withoutToken = signOut(session, "");
        HttpResponse<String> withoutCookie =
                signOut("", signOutToken(get("/", Map.of("Cookie", session)).body()));

        // then nothing is cleared and the session goes on
        assertThat(withoutToken.statusCode()).isEqualTo(400);
        assertThat(withoutCookie.statusCode()).isEqualTo(400);
        assertThat(withoutToken.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(get("/", Map.of("Cookie", session)).body()).contains(DELIVERY);
    }

    @Test
    void an_empty_state_with_an_empty_state_cookie_is_no_sign_in() throws Exception {
        // given GitHub would accept the code
        github.oauthCode("9f3c0a77d2e4b1c5e6a8", "ghu_ownerToken16characters0000000000");

        // when a link carries an empty state, and the browser an empty state cookie
        HttpResponse<String> back =
                get("/auth/callback?code=9f3c0a77d2e4b1c5e6a8&state=", Map.of("Cookie", "pipfix_oauth_state="));

        // then it is refused before GitHub is asked
        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(github.apiCalls()).noneMatch(call -> call.contains("oauth"));
    }

    @Test
    void a_session_cookie_signed_with_the_secret_that_lives_for_ever_is_refused() throws Exception {
        // given a cookie someone with the client secret minted for the year 9999, as the old format signed it
        javax.crypto.spec.SecretKeySpec key = new javax.crypto.spec.SecretKeySpec(
                hmac(
                        new javax.crypto.spec.SecretKeySpec(
                                CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                        "pipfix status page session v1"),
                "HmacSHA256");
        String payload =
                "monalisa.c2Vzc2lvbg." + Instant.parse("9999-12-31T00:00:00Z").getEpochSecond();
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String forged = SessionCookies.NAME + "=" + b64.encodeToString(payload.getBytes(StandardCharsets.US_ASCII))
                + "." + b64.encodeToString(hmac(key, payload));

        // then it opens nothing
        assertThat(get("/", Map.of("Cookie", forged)).body()).doesNotContain(DELIVERY);
    }

    @Test
    void every_page_says_what_the_browser_may_load_and_run() throws Exception {
        HttpResponse<String> page = get("/", Map.of());

        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .startsWith("default-src 'none'")
                        .contains("script-src 'sha256-")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"));
    }

    private HttpResponse<String> ownerSignsIn() throws Exception {
        github.oauthCode("9f3c0a77d2e4b1c5e6a8", "ghu_ownerToken16characters0000000000");
        github.user("ghu_ownerToken16characters0000000000", "monalisa", 583231);
        github.membership("ghu_ownerToken16characters0000000000", "octo-org", "monalisa", "admin");
        return callback("9f3c0a77d2e4b1c5e6a8");
    }

    /** The sign-out form's token, as the status page holds it. */
    private static String signOutToken(String page) {
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"token\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(token.find())
                .as("the status page has a sign-out form with a token")
                .isTrue();
        return token.group(1);
    }

    private HttpResponse<String> signOut(String cookie, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/auth/signout"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)));
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hmac(javax.crypto.spec.SecretKeySpec key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_member_who_is_not_an_owner_of_the_organization_signs_in_and_still_sees_nothing() throws Exception {
        github.oauthCode("1b2c3d4e5f6a7b8c9d0e", "ghu_memberToken1characters0000000000");
        github.user("ghu_memberToken1characters0000000000", "hubot", 9919);
        github.membership("ghu_memberToken1characters0000000000", "octo-org", "hubot", "member");
        String state = signInState();

        HttpResponse<String> back = get(
                "/auth/callback?code=1b2c3d4e5f6a7b8c9d0e&state=" + state,
                Map.of("Cookie", "pipfix_oauth_state=" + state));

        assertThat(back.statusCode()).isEqualTo(403);
        assertThat(back.body())
                .contains("Only the App&#39;s owner sees this server&#39;s details")
                .contains("hubot")
                .doesNotContain(DELIVERY);
        assertThat(back.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(SessionCookies.NAME));
        github.api().verify(deleteRequestedFor(urlPathEqualTo("/applications/" + CLIENT_ID + "/token")));
    }

    @Test
    void a_callback_whose_state_this_browser_did_not_get_is_refused_without_asking_github() throws Exception {
        String state = signInState();

        HttpResponse<String> noCookie = get("/auth/callback?code=9f3c0a77d2e4b1c5e6a8&state=" + state, Map.of());
        HttpResponse<String> forged = get(
                "/auth/callback?code=9f3c0a77d2e4b1c5e6a8&state=forged",
                Map.of("Cookie", "pipfix_oauth_state=" + state));

        for (HttpResponse<String> refused : List.of(noCookie, forged)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("This sign-in did not start here");
            assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(SessionCookies.NAME));
        }
        assertThat(github.apiCalls()).noneMatch(call -> call.contains("/login/oauth/access_token"));
    }

    @Test
    void a_code_github_does_not_know_is_explained() throws Exception {
        github.oauthCode("9f3c0a77d2e4b1c5e6a8", "ghu_ownerToken16characters0000000000");
        String state = signInState();

        HttpResponse<String> back =
                get("/auth/callback?code=0000used0000&state=" + state, Map.of("Cookie", "pipfix_oauth_state=" + state));

        assertThat(back.statusCode()).isEqualTo(400);
        assertThat(back.body())
                .contains("GitHub did not accept the sign-in")
                .contains("The code passed is incorrect or expired");
    }

    @Test
    void the_owner_of_an_app_on_a_personal_account_is_that_user() throws Exception {
        github.appOwnedBy("pipfix-mona", "monalisa", 583231, "User");
        github.oauthCode("aa11bb22cc33dd44ee55", "ghu_monaToken16characters00000000000");
        github.user("ghu_monaToken16characters00000000000", "monalisa", 583231);
        github.oauthCode("ff66aa77bb88cc99dd00", "ghu_otherToken1characters00000000000");
        github.user("ghu_otherToken1characters00000000000", "monalisa-fan", 100200);

        HttpResponse<String> owner = callback("aa11bb22cc33dd44ee55");
        HttpResponse<String> other = callback("ff66aa77bb88cc99dd00");

        assertThat(owner.statusCode()).isEqualTo(303);
        assertThat(cookie(owner, SessionCookies.NAME)).isNotEmpty();
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("the App belongs to monalisa");
        assertThat(github.apiCalls()).noneMatch(call -> call.contains("/memberships/"));
    }

    @Test
    void a_session_cookie_that_was_changed_or_has_expired_shows_nothing() throws Exception {
        github.oauthCode("9f3c0a77d2e4b1c5e6a8", "ghu_ownerToken16characters0000000000");
        github.user("ghu_ownerToken16characters0000000000", "monalisa", 583231);
        github.membership("ghu_ownerToken16characters0000000000", "octo-org", "monalisa", "admin");
        String session = value(cookie(callback("9f3c0a77d2e4b1c5e6a8"), SessionCookies.NAME));
        String payload = session.substring(session.indexOf('=') + 1, session.indexOf('.'));
        String forgedPayload = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        ("hubot." + Instant.now().plus(Duration.ofDays(1)).getEpochSecond())
                                .getBytes(StandardCharsets.US_ASCII));

        HttpResponse<String> changed = get("/", Map.of("Cookie", session.replace(payload, forgedPayload)));
        clock.advance(SessionCookies.LIFETIME.plusSeconds(1));
        HttpResponse<String> expired = get("/", Map.of("Cookie", session));

        assertThat(changed.body()).doesNotContain(DELIVERY).contains("Sign in with GitHub");
        assertThat(expired.body()).doesNotContain(DELIVERY).contains("Sign in with GitHub");
    }

    /** Starts a sign-in and returns its state. */
    private String signInState() throws Exception {
        return query(URI.create(get("/auth/signin", Map.of())
                        .headers()
                        .firstValue("Location")
                        .orElseThrow()))
                .get("state");
    }

    private HttpResponse<String> callback(String code) throws Exception {
        String state = signInState();
        return get("/auth/callback?code=" + code + "&state=" + state, Map.of("Cookie", "pipfix_oauth_state=" + state));
    }

    private static Map<String, String> query(URI uri) {
        return java.util.Arrays.stream(uri.getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElse("");
    }

    /** The name=value part of a Set-Cookie header, as a browser sends it back. */
    private static String value(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
