package dev.pipfix.github;

import java.io.IOException;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts the credential and the headers GitHub asks of every client on each request: {@code Authorization},
 * {@code X-GitHub-Api-Version}, {@code User-Agent}, and {@code Accept} when the request names none. On a 401 a
 * credential that can renew itself (an installation token GitHub revoked before its stated expiry) is renewed and the
 * request sent once more. An application interceptor sees the request before redirects, so OkHttp still drops the
 * header when a log download is redirected to the storage host.
 */
final class RequestSigning implements Interceptor {

    private final Credential credential;
    private final String userAgent;

    RequestSigning(Credential credential, String userAgent) {
        this.credential = credential;
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Optional<String> authorization = credential.authorization();
        Response response = chain.proceed(signed(chain.request(), authorization));
        if (response.code() != 401 || authorization.isEmpty() || !credential.renewAfterRefusal(authorization.get())) {
            return response;
        }
        response.close();
        return chain.proceed(signed(chain.request(), credential.authorization()));
    }

    /** The tag tells {@link ApiCallMeter} whose rate limit the answer reports. */
    private Request signed(Request request, Optional<String> authorization) {
        Request.Builder signed = request.newBuilder()
                .header("X-GitHub-Api-Version", GitHubApi.API_VERSION)
                .header("User-Agent", userAgent);
        authorization.ifPresentOrElse(
                value -> signed.header("Authorization", value), () -> signed.removeHeader("Authorization"));
        if (request.header("Accept") == null) {
            signed.header("Accept", ApiRequest.JSON_MEDIA);
        }
        credential.installationId().ifPresent(id -> signed.tag(InstallationTag.class, new InstallationTag(id)));
        return signed.build();
    }
}
