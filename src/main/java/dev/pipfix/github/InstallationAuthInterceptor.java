package dev.pipfix.github;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Signs every API request of one installation with its token. On a 401 the token is dropped, a new one is fetched
 * and the request is sent once more: GitHub may revoke a token before its stated expiry. An application
 * interceptor sees the request before redirects, so OkHttp still drops the header when a log download is
 * redirected to the storage host.
 */
final class InstallationAuthInterceptor implements Interceptor {

    private final InstallationTokens tokens;
    private final long installationId;

    InstallationAuthInterceptor(InstallationTokens tokens, long installationId) {
        this.tokens = tokens;
        this.installationId = installationId;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        String token = tokens.token(installationId).value();
        Response response = chain.proceed(signed(chain.request(), token, installationId));
        if (response.code() != 401) {
            return response;
        }
        response.close();
        tokens.invalidate(installationId, token);
        return chain.proceed(
                signed(chain.request(), tokens.token(installationId).value(), installationId));
    }

    /** The tag tells {@link ApiCallMeter} whose rate limit the answer reports. */
    private static Request signed(Request request, String token, long installationId) {
        return request.newBuilder()
                .header("Authorization", "token " + token)
                .tag(InstallationTag.class, new InstallationTag(installationId))
                .build();
    }
}
